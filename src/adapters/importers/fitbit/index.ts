export {
  importFitbit,
  DEFAULT_MAX_HELD_SAMPLES,
  MAX_TRACKED_PEOPLE,
  type FitbitImportOptions,
  type FitbitImportResult,
} from './import-fitbit.ts';
export { detectFitbitShape, isFitbitHeader, FITBIT_FILE_KINDS, type FitbitFileKind, type FitbitShape } from './shapes.ts';
export { FITBIT_SOURCE } from './rows.ts';
