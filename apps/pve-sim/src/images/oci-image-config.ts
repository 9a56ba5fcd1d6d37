/**
 * An OCI image's configuration (the `config` object of its image config blob, as `docker inspect`
 * shows under `Config`), with the facts the simulator needs to behave as the real app would.
 * Each record names where it was read: the upstream repository, the ref (tag or commit) and the
 * Dockerfile path, so a reader can check it.
 */
export interface OciImageConfig {
  /** `KEY=value`, base image's entries included (PATH and the like), in image order. */
  Env: string[];
  Entrypoint: string[];
  Cmd: string[];
  /** As written in the image (`""` when unset, `"472"`, `"node"`, `"1000:1000"`). */
  User: string;
  WorkingDir: string;
  /** `VOLUME` paths. */
  Volumes: string[];
  /** `EXPOSE` entries, e.g. `3000/tcp`. */
  ExposedPorts: string[];
  /** `STOPSIGNAL`, when the image sets one. */
  StopSignal?: string;
}

/** How the app treats its data directories when it starts (read from its entrypoint). */
export interface ImageDataFacts {
  /** Directories the app must be able to write to when it starts (its data directories). */
  writes: string[];
  /** `User` resolved through the image's /etc/passwd and /etc/group (absent when `User` is empty or root). */
  userUid?: number;
  userGid?: number;
  /** When the process starts as root: the uid its entrypoint drops to before writing (gosu, su-exec, s6 PUID), if any. */
  dropsToUid?: number;
  /** When started as root: whether the entrypoint makes `writes` its own (chown) before dropping privileges. */
  fixesOwnership?: boolean;
}

export interface ImageSource {
  /** e.g. `https://github.com/grafana/grafana` */
  repo: string;
  /** Tag or commit read. */
  ref: string;
  /** Dockerfile path in that repository (and the base image's, after ` <- `, where Env/User come from it). */
  dockerfile: string;
}

export interface OciImageRecord {
  /** Fully qualified, as in the simulator's registry (`docker.io/grafana/grafana`). */
  repository: string;
  /** The tag these facts were read at. */
  tag: string;
  source: ImageSource;
  config: OciImageConfig;
  data: ImageDataFacts;
  /** Tags whose configuration differs from `config`: only the fields that differ. */
  tagOverrides?: Record<string, Partial<OciImageConfig>>;
  /** What was uncertain or inferred, and why. */
  notes?: string;
}
