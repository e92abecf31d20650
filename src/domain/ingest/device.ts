/**
 * Apple Health writes `device` as `<<HKDevice: 0x283b1c3c0>, name:Apple Watch, ...>`. The
 * 0x... is a memory address that changes every time the object is printed: left in, one watch
 * becomes thousands of devices. Keep the descriptive fields, drop the address and the brackets.
 */
const HK_OBJECT = /^<<HK\w+:\s*0x[0-9a-f]+>,?\s*/i;
const ADDRESS = /\b0x[0-9a-f]{6,}\b/gi;
export const MAX_DEVICE_LENGTH = 256;

export function normalizeDevice(device: string): string | undefined {
  let text = device.trim();
  if (HK_OBJECT.test(text)) text = text.replace(HK_OBJECT, '').replace(/>\s*$/, '');
  text = text.replace(ADDRESS, '').replace(/\s+/g, ' ').replace(/^[\s,]+|[\s,]+$/g, '');
  return text === '' ? undefined : text.slice(0, MAX_DEVICE_LENGTH);
}
