export * from './types.ts';
export { AppleHealthExportError, type AppleHealthRefusal } from './errors.ts';
export { readAppleHealthExport, DEFAULT_BATCH_SIZE, type ReadAppleHealthOptions } from './reader.ts';
export { openAppleHealthSource, type AppleHealthInput, type AppleHealthSource, type AppleHealthSourceOptions } from './source.ts';
export { AppleHealthScanner, MAX_ELEMENT_BYTES } from './scanner.ts';
export { AppleHealthDateParser, parseAppleHealthDate, parseTimeOfDay } from './dates.ts';
export { parseAppleHealthDevice } from './device.ts';
export { decodeXmlEntities } from './text.ts';
