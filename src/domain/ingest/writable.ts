/** An object under construction whose finished type is read-only. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };
