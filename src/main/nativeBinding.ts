// Where the better-sqlite3 binary built for Electron's ABI is (scripts/electron-native.mjs makes it; the Node
// build in node_modules stays for the CLI and the tests). Pure, so the packaging test checks that the path the
// app looks for is the path electron-builder.yml puts it at.
import { join } from 'node:path';

export interface NativeLocation {
  packaged: boolean;
  /** app.getAppPath(): the project folder under `npm start`. */
  appPath: string;
  /** process.resourcesPath: the installed app's resources folder. */
  resourcesPath: string;
  platform: string;
  arch: string;
}

export const PACKAGED_NATIVE = join('native', 'better_sqlite3.node');

export function electronNativeBinding(l: NativeLocation): string {
  return l.packaged ? join(l.resourcesPath, PACKAGED_NATIVE) : join(l.appPath, '.electron-native', `${l.platform}-${l.arch}`, 'better_sqlite3.node');
}
