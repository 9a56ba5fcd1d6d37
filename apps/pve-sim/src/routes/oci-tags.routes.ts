import { dieError, paramError } from '../params/api-error';
import { strParam } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import { parseRepositoryReference } from '../images/image-registry';

/** The apidoc's pattern for a repository reference without a tag. */
const REPOSITORY_RE =
  /^(?:(?:[a-zA-Z\d]|[a-zA-Z\d][a-zA-Z\d-]*[a-zA-Z\d])(?:\.(?:[a-zA-Z\d]|[a-zA-Z\d][a-zA-Z\d-]*[a-zA-Z\d]))*(?::\d+)?\/)?[a-z\d]+(?:(?:[._]|__|[-]*)[a-z\d]+)*(?:\/[a-z\d]+(?:(?:[._]|__|[-]*)[a-z\d]+)*)*$/;

/**
 * `GET /nodes/{node}/query-oci-repo-tags?reference=<repo>` (PVE 9.1): every tag of the repository,
 * as a plain string array, answered from the sim's registry (including tags published at run time
 * through `POST /_sim/images`). An unknown repository fails like a registry refusal (500).
 */
export const ociTagRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/nodes/{node}/query-oci-repo-tags',
    schema: { reference: { type: 'string', pattern: REPOSITORY_RE } },
    handler: ({ params, sim }) => {
      const reference = strParam(params, 'reference') ?? '';
      const repository = parseRepositoryReference(reference);
      if (!repository) throw paramError({ reference: 'value does not match the regex pattern' });
      const tags = sim.images.tags(repository);
      if ('error' in tags) throw dieError(tags.error);
      return tags;
    },
  },
];
