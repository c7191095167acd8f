// electron-builder `afterPack` hook (electron-builder.yml): flips Electron's fuses in the packaged
// binary. It runs after the app is copied and before electron-builder signs it, which is the only
// moment fuses can change without breaking the signature. See SECURITY.md, "Fuses".
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { Arch } from 'electron-builder';

/**
 * Every fuse @electron/fuses 1.x knows, set explicitly. (@electron/fuses 2 needs Node 22; a fuse
 * newer than 1.x knows, such as WasmTrapHandlers, keeps Electron's default.)
 */
export const STATION_FUSES = Object.freeze({
  // The binary must never double as a Node interpreter (ELECTRON_RUN_AS_NODE) or take Node options
  // or an inspector from the environment or command line: each would run code outside the app.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Cookies encrypted with the OS keychain, like the credentials (safeStorage).
  [FuseV1Options.EnableCookieEncryption]: true,
  // Only the app.asar is loaded, and its hash is checked against the one electron-builder embeds
  // (macOS and Windows; Electron has no asar integrity check on Linux).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The station serves its pages from station://, never file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
});

/** The @electron/fuses config for one packaged platform and architecture. */
export function fuseConfig(context) {
  return {
    version: FuseVersion.V1,
    // Flipping a fuse invalidates the ad-hoc signature Apple silicon needs to launch at all.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === Arch.arm64,
    ...STATION_FUSES,
  };
}

/** electron-builder's own flipper finds the binary for each platform (.app, .exe or the Linux executable). */
export async function afterPack(context) {
  await context.packager.addElectronFuses(context, fuseConfig(context));
}
