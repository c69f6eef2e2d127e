import { fileURLToPath } from 'node:url';

/** Absolute path of a file or folder inside contracts/. */
export function contractsPath(...segments: string[]): string {
  return fileURLToPath(new URL(segments.join('/'), new URL('./', import.meta.url)));
}
