import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min, validateSync, ValidateNested } from 'class-validator';
import { flattenValidationErrors } from './validation-errors';

class Resources {
  @IsOptional() @IsInt() @Min(1) memoryMb?: number;
}

class Body {
  @IsString() hostname!: string;
  @IsOptional() @ValidateNested() @Type(() => Resources) resources?: Resources;
}

function errorsOf(plain: object): Record<string, string> {
  return flattenValidationErrors(validateSync(plainToInstance(Body, plain), { whitelist: true, forbidNonWhitelisted: true }));
}

describe('flattenValidationErrors', () => {
  it('names nested fields by their path, without repeating the property name', () => {
    expect(errorsOf({ hostname: 'a', resources: { memoryMb: 0 } })).toEqual({ 'resources.memoryMb': 'must not be less than 1' });
  });

  it('says an unknown field is not allowed, at any depth', () => {
    expect(errorsOf({ hostname: 'a', foo: 1, resources: { bar: 2 } })).toEqual({
      foo: 'is not an allowed field',
      'resources.bar': 'is not an allowed field',
    });
  });

  it('reports a missing required field', () => {
    expect(errorsOf({})).toEqual({ hostname: 'must be a string' });
  });
});
