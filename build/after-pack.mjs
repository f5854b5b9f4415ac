// electron-builder `afterPack` hook: sets the Electron fuses of the packaged binary before it is signed.
// Fuses are bits compiled into the Electron executable; flipping them here removes whole classes of attack that
// no code of ours could block at run time (DESIGN.md §8).
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** Every fuse @electron/fuses knows, set explicitly, so an Electron upgrade never silently inherits a default. */
export const fuseConfig = Object.freeze({
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general Node interpreter for any local program.
  [FuseV1Options.RunAsNode]: false,
  // Chromium's cookie store encrypted with the OS key store (DPAPI, Keychain, libsecret).
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect would let anything that can start the app inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app code is loaded only from app.asar, and that asar must match the hash embedded at build time.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from app://, so file:// needs none of its legacy privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
});

/**
 * @param {{ electronPlatformName: string, packager: { addElectronFuses(context: unknown, fuses: unknown): Promise<unknown> } }} context
 */
export async function afterPack(context) {
  // Flipping fuses invalidates the ad-hoc signature of a macOS binary; ask for it to be redone (a real signature,
  // when configured, is applied after this hook anyway).
  const resetAdHocDarwinSignature =
    context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  // electron-builder's own helper finds the executable for each platform and calls @electron/fuses.
  await context.packager.addElectronFuses(context, { ...fuseConfig, resetAdHocDarwinSignature });
}

export default afterPack;
