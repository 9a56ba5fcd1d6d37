/**
 * Template strings of catalog entries (`env` values): `{{input.timezone}}`, `{{secret.admin_token}}`,
 * `{{app.hostname}}`, `{{app.ip}}`, `{{app.url}}`. Nothing else is expanded: no expressions, no filters,
 * so an entry can never run code or read what it was not given.
 */

export const APP_TEMPLATE_FIELDS = ['hostname', 'ip', 'url'] as const;
export type AppTemplateField = (typeof APP_TEMPLATE_FIELDS)[number];

export interface TemplateContext {
  input: Readonly<Record<string, string>>;
  secret: Readonly<Record<string, string>>;
  /** `ip` is null while the address is not known yet (DHCP before first start). */
  app: { hostname: string; ip: string | null; url: string | null };
}

export type TemplateReference =
  | { kind: 'input'; key: string; raw: string }
  | { kind: 'secret'; key: string; raw: string }
  | { kind: 'app'; key: AppTemplateField; raw: string };

/** Raised when a template cannot be rendered; `reference` names the culprit, e.g. `input.timezone`. */
export class CatalogTemplateError extends Error {
  constructor(
    message: string,
    readonly reference: string | null,
  ) {
    super(message);
    this.name = 'CatalogTemplateError';
  }
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const REFERENCE = /^(input|secret|app)\.([A-Za-z_][A-Za-z0-9_]*)$/;

function parseReference(raw: string): TemplateReference {
  const match = REFERENCE.exec(raw);
  if (!match) {
    throw new CatalogTemplateError(`unknown reference "{{${raw}}}"; use input.*, secret.* or app.hostname|ip|url`, raw);
  }
  const [, kind, key] = match;
  if (kind === 'app') {
    if (!(APP_TEMPLATE_FIELDS as readonly string[]).includes(key)) {
      throw new CatalogTemplateError(`unknown reference "{{${raw}}}"; app has only ${APP_TEMPLATE_FIELDS.join(', ')}`, raw);
    }
    return { kind: 'app', key: key as AppTemplateField, raw };
  }
  return { kind: kind as 'input' | 'secret', key, raw };
}

/** The references a template uses, in order. Throws CatalogTemplateError on malformed placeholders. */
export function templateReferences(template: string): TemplateReference[] {
  const refs: TemplateReference[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    refs.push(parseReference(match[1]));
  }
  // Braces left after removing every well-formed placeholder mean a typo like `{{input.x}` .
  if (template.replace(PLACEHOLDER, '').match(/\{\{|\}\}/)) {
    throw new CatalogTemplateError(`unbalanced "{{" or "}}" in "${template}"`, null);
  }
  return refs;
}

/** Expands every placeholder of `template` from `ctx`; a reference the context lacks is an error naming it. */
export function renderTemplate(template: string, ctx: TemplateContext): string {
  templateReferences(template); // validates the whole string before expanding any of it
  return template.replace(PLACEHOLDER, (_whole, raw: string) => {
    const ref = parseReference(raw);
    const value = lookup(ref, ctx);
    if (value === undefined || value === null) {
      throw new CatalogTemplateError(`unknown reference "{{${ref.raw}}}": no value for ${ref.raw}`, ref.raw);
    }
    return value;
  });
}

function lookup(ref: TemplateReference, ctx: TemplateContext): string | null | undefined {
  switch (ref.kind) {
    case 'input':
      return Object.prototype.hasOwnProperty.call(ctx.input, ref.key) ? ctx.input[ref.key] : undefined;
    case 'secret':
      return Object.prototype.hasOwnProperty.call(ctx.secret, ref.key) ? ctx.secret[ref.key] : undefined;
    case 'app':
      return ctx.app[ref.key];
  }
}

/** Renders every value of an env map (the container's environment at create time). */
export function renderEnv(env: Readonly<Record<string, string>>, ctx: TemplateContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, template] of Object.entries(env)) {
    try {
      out[name] = renderTemplate(template, ctx);
    } catch (err) {
      if (err instanceof CatalogTemplateError) {
        throw new CatalogTemplateError(`env.${name}: ${err.message}`, err.reference);
      }
      throw err;
    }
  }
  return out;
}
