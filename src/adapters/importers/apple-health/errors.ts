import { AppError } from '../../../app/errors.ts';

/**
 * Why a whole file is refused (a bad record is only skipped and reported):
 * - `not_an_export`: not a zip holding export.xml, not XML, or XML whose root is not <HealthData>;
 * - `truncated`: the file ends before </HealthData>, inside an element;
 * - `not_well_formed`: XML structure this reader cannot resynchronise after (content after the root);
 * - `damaged`: a zip archive that cannot be read or inflated, or whose entry fails its CRC-32.
 */
export type AppleHealthRefusal = 'not_an_export' | 'truncated' | 'not_well_formed' | 'damaged';

export class AppleHealthExportError extends AppError {
  constructor(
    readonly refusal: AppleHealthRefusal,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(refusal === 'not_an_export' ? 'unsupported_media_type' : 'validation_failed', message, { format: 'apple-health', refusal, ...details });
    this.name = 'AppleHealthExportError';
  }
}
