import type { AppleHealthDevice } from './types.ts';
import type { Writable } from '../../../domain/ingest/writable.ts';

/** `<<HKDevice: 0x283b1c3c0>, ` — the object's class and memory address that HealthKit prints first. */
const HK_OBJECT = /^<<HK\w+:\s*(?:0x[0-9a-fA-F]+)?>\s*,?\s*/;
const ADDRESS = /\b0x[0-9a-fA-F]{6,}\b/g;
/** `, key:` where a new field starts; values may hold commas (`hardware:Watch6,1`) but not this. */
const FIELD = /(?:^|,\s*)([A-Za-z][A-Za-z0-9]*):/g;

const FIELD_NAMES: Readonly<Record<string, keyof Omit<AppleHealthDevice, 'text'>>> = {
  name: 'name',
  manufacturer: 'manufacturer',
  model: 'model',
  hardware: 'hardware',
  firmware: 'firmware',
  software: 'software',
  localIdentifier: 'localIdentifier',
  UDIDeviceIdentifier: 'udiDeviceIdentifier',
};

/**
 * A decoded `device` attribute as its fields, without the memory address:
 * `<<HKDevice: 0x283b1c3c0>, name:Apple Watch, manufacturer:Apple Inc., model:Watch,
 * hardware:Watch6,1, software:9.1>` -> { name: 'Apple Watch', manufacturer: 'Apple Inc.',
 * model: 'Watch', hardware: 'Watch6,1', software: '9.1', text: 'name:Apple Watch, ...' }.
 * Undefined when nothing is left (`device=""`).
 */
export function parseAppleHealthDevice(device: string): AppleHealthDevice | undefined {
  let text = device.trim();
  const prefix = HK_OBJECT.exec(text);
  if (prefix) text = text.slice(prefix[0].length).replace(/>\s*$/, '');
  text = text.replace(ADDRESS, '').replace(/\s+/g, ' ').replace(/^[\s,]+|[\s,]+$/g, '');
  if (text === '') return undefined;

  const fields: Writable<AppleHealthDevice> = {
    name: undefined,
    manufacturer: undefined,
    model: undefined,
    hardware: undefined,
    firmware: undefined,
    software: undefined,
    localIdentifier: undefined,
    udiDeviceIdentifier: undefined,
    text,
  };
  const starts: { key: string; from: number; valueFrom: number }[] = [];
  for (const m of text.matchAll(FIELD)) starts.push({ key: m[1] as string, from: m.index, valueFrom: m.index + m[0].length });
  if (starts.length === 0 || (starts[0] as { from: number }).from !== 0) {
    // Not HealthKit's key:value list (some apps write a bare name): the whole text names it.
    fields.name = text;
    return fields;
  }
  starts.forEach((start, i) => {
    const field = Object.hasOwn(FIELD_NAMES, start.key) ? FIELD_NAMES[start.key] : undefined;
    if (field === undefined) return;
    const value = text.slice(start.valueFrom, starts[i + 1]?.from ?? text.length).trim();
    if (value !== '' && fields[field] === undefined) fields[field] = value;
  });
  return fields;
}
