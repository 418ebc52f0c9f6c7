// Where the tests find their inputs: the checkout, the shared data read in place (never copied into the repo),
// the small import fixtures, the bundled sample case and the built CLI.
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');
/** `../shared/data` beside the checkout: the real Apache log, published crawler ranges, lnav's test logs. */
export const SHARED_DATA = resolve(REPO, '../shared/data');
export const APACHE_LOG = join(SHARED_DATA, 'external/apache_combined_10k.log');
export const LNAV_LOGS = join(SHARED_DATA, 'external/lnav-test-logs');
export const FIXTURES = join(REPO, 'test/fixtures/import');
export const fixture = (name: string) => join(FIXTURES, name);
export const SAMPLE_DIR = join(REPO, 'resources/sample');
export const samplePath = (file: string) => join(SAMPLE_DIR, file);
/** The built CLI bundle (`npm test` builds it first), run as users run it. */
export const CLI = join(REPO, 'out/cli/alibi.js');
