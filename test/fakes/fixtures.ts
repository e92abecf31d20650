import { readFileSync } from 'node:fs';

/** A fixture under test/fakes/fixtures/, written from the vendor's documented response shapes. */
export function fixture<T = unknown>(vendor: 'oura' | 'whoop', name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${vendor}/${name}.json`, import.meta.url), 'utf8')) as T;
}
