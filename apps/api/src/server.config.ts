export interface ServerConfig {
  host: string;
  port: number;
}

/** Reads `HOST` (default 127.0.0.1) and `PORT` (default 3000). */
export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535; got "${env.PORT}"`);
  }
  return { host: env.HOST ?? '127.0.0.1', port };
}
