/**
 * electron-builder cannot run here (it downloads Electron), so this checks what it would be given:
 * electron-builder.yml, the afterPack fuse hook and the mac entitlements, against the code that
 * the packaged app runs.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { Arch, LinuxPackager } from 'electron-builder';
import { minimatch } from 'minimatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENGINE_DIR, engineFiles } from '../../build/engine-assets';
import { HUMAN_MODELS } from '../../common/analysis/human-config';
import { analysisAssets, type AnalysisAssets } from '../../main/analysis/asset-paths';

const ROOT = resolve(import.meta.dirname, '../..');
const requireFromRoot = createRequire(join(ROOT, 'package.json'));

interface BuilderConfig {
  directories: { output: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  afterPack: string;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[]; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; extendInfo: Record<string, string> };
}

const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

// electron-builder matches its patterns with minimatch and these options (app-builder-lib fileMatcher).
const matches = (path: string, pattern: string) => minimatch(path, pattern, { dot: true });
const unpacked = (path: string) => config.asarUnpack.some((pattern) => matches(path, pattern));
const excludedByFiles = (path: string) => config.files.some((pattern) => pattern.startsWith('!') && matches(path, pattern.slice(1)));
const includedByFiles = (path: string) => config.files.some((pattern) => !pattern.startsWith('!') && matches(path, pattern)) && !excludedByFiles(path);

const toPosix = (path: string) => path.split(sep).join('/');
const packageNameOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

function filesUnder(dir: string, keep: (path: string) => boolean, skipDir: (name: string) => boolean = () => false): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skipDir(entry.name)) found.push(...filesUnder(path, keep, skipDir));
    } else if (keep(path)) found.push(path);
  }
  return found;
}

/** Every package the main process imports (main/ and common/), by name. */
function importedPackages(): Set<string> {
  const names = new Set<string>();
  const sources = ['main', 'common'].flatMap((dir) => filesUnder(join(ROOT, dir), (path) => path.endsWith('.ts')));
  for (const file of sources) {
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:\bfrom|\bimport\(|\brequire\()\s*'([^'.][^']*)'/g)) {
      if (specifier && !isBuiltin(specifier) && specifier !== 'electron') names.add(packageNameOf(specifier));
    }
  }
  return names;
}

/** Where Node would find `name` from `fromDir`, or null when it is not installed (another platform's optional package). */
function installedDir(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

// What electron-builder itself treats as a library that must stay out of the archive.
const NATIVE_FILE = /\.(node|dll|dylib|so(\.\d+)*)$/;

/** Native files (add-ons and the libraries they link) in a package and everything it depends on. */
function nativeFiles(name: string, fromDir: string, seen = new Set<string>()): string[] {
  const dir = installedDir(name, fromDir);
  if (!dir || seen.has(dir)) return [];
  seen.add(dir);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
  const own = filesUnder(
    dir,
    (path) => NATIVE_FILE.test(path),
    (entry) => entry === 'node_modules',
  );
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies });
  return [...own, ...deps.flatMap((dep) => nativeFiles(dep, dir, seen))];
}

describe('electron-builder.yml: native modules', () => {
  const native = new Map([...importedPackages()].map((name) => [name, nativeFiles(name, ROOT)] as const).filter(([, files]) => files.length > 0));

  it('knows which imported packages carry native code (update asarUnpack when this list changes)', () => {
    expect([...native.keys()].sort()).toEqual(['better-sqlite3', 'sharp']);
  });

  it('unpacks every native file those packages install here from the asar', () => {
    const files = [...native.values()].flat().map((file) => toPosix(relative(ROOT, file)));
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((file) => !unpacked(file))).toEqual([]);
  });

  it("unpacks sharp's packages for the other platforms too", () => {
    const sharp = JSON.parse(readFileSync(join(installedDir('sharp', ROOT)!, 'package.json'), 'utf8')) as { optionalDependencies: Record<string, string> };
    const platformPackages = Object.keys(sharp.optionalDependencies).filter((name) => name.startsWith('@img/sharp-'));
    expect(platformPackages.length).toBeGreaterThan(10);
    for (const name of platformPackages) {
      for (const file of ['lib/sharp.node', 'lib/libvips-cpp.so.8', 'lib/libvips-cpp.dylib', 'lib/libvips-42.dll']) expect(unpacked(`node_modules/${name}/${file}`)).toBe(true);
    }
  });
});

describe('electron-builder.yml: analysis assets in the packaged layout', () => {
  const real = analysisAssets();
  let stage: string;
  let asar: string;
  let packaged: AnalysisAssets;

  /** The files each asset must provide to the code that reads it. */
  const needed = (assets: AnalysisAssets) => [
    assets.humanNodeWasm,
    ...HUMAN_MODELS.flatMap((model) => [join(assets.humanModels, `${model}.json`), join(assets.humanModels, `${model}.bin`)]),
    ...readdirSync(real.tfWasm)
      .filter((name) => name.endsWith('.wasm'))
      .map((name) => join(assets.tfWasm, name)),
    join(assets.tesseractLang, 'eng.traineddata.gz'),
  ];
  const owningPackages = () => [...new Set(Object.values(real).map((path) => packageNameOf(toPosix(relative(join(ROOT, 'node_modules'), path)))))];

  // The app as electron-builder lays it out: resources/app.asar/{out/main, node_modules/<production deps>}.
  // Electron reads app.asar like a folder, so a folder stands in for it; only the files needed are copied.
  beforeAll(() => {
    stage = mkdtempSync(join(tmpdir(), 'station-packaged-'));
    asar = join(stage, 'resources', 'app.asar');
    const stageFile = (from: string) => {
      const to = join(asar, relative(ROOT, from));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(from, to);
    };
    for (const name of owningPackages()) {
      const dir = installedDir(name, ROOT)!;
      stageFile(join(dir, 'package.json'));
      stageFile(requireFromRoot.resolve(name));
    }
    for (const file of needed(real)) stageFile(file);
    mkdirSync(join(asar, 'out', 'main'), { recursive: true });
    writeFileSync(join(asar, 'out', 'main', 'electron.js'), '');
    packaged = analysisAssets(pathToFileURL(join(asar, 'out', 'main', 'electron.js')).href);
  });
  afterAll(() => rmSync(stage, { recursive: true, force: true }));

  it('ships every package the assets come from as a production dependency, which electron-builder packs', () => {
    expect(owningPackages().sort()).toEqual(['@tensorflow/tfjs-backend-wasm', '@tesseract.js-data/eng', '@vladmandic/human']);
    for (const name of owningPackages()) expect(Object.keys(manifest.dependencies)).toContain(name);
  });

  it('excludes none of the asset files through the files patterns', () => {
    const files = needed(real).map((file) => toPosix(relative(ROOT, file)));
    expect(files.filter(excludedByFiles)).toEqual([]);
  });

  it('resolves every asset through analysisAssets() to the app inside the archive, where it exists', () => {
    for (const path of Object.values(packaged)) {
      expect(path.startsWith(asar + sep)).toBe(true);
      expect(existsSync(path)).toBe(true);
    }
    expect(needed(packaged).filter((file) => !existsSync(file))).toEqual([]);
  });
});

describe('electron-builder.yml: renderer engine assets', () => {
  it('packs every engine file the renderer loads, and each source exists', () => {
    const files = engineFiles();
    expect(files.length).toBeGreaterThan(HUMAN_MODELS.length * 2);
    expect(files.filter((file) => !existsSync(file.from))).toEqual([]);
    expect(files.map((file) => `out/renderer/${ENGINE_DIR}/${file.to}`).filter((path) => !includedByFiles(path))).toEqual([]);
  });

  it('packs the main, preload and renderer builds and the manifest', () => {
    for (const path of ['out/main/electron.js', 'out/preload/electron.cjs', 'out/renderer/index.html', 'package.json']) expect(includedByFiles(path)).toBe(true);
    expect(config.asar).toBe(true);
    expect(config.directories.output).toBe('dist');
  });
});

describe('electron-builder.yml: fuses', () => {
  const hookPath = resolve(ROOT, config.afterPack);
  const loadHook = async () =>
    (await import(pathToFileURL(hookPath).href)) as {
      afterPack: (context: object) => Promise<void>;
      fuseConfig: (context: { electronPlatformName: string; arch: Arch }) => Record<string, unknown>;
    };

  // Electron's fuse wire (@electron/fuses does not export these): a sentinel, a version byte, a
  // length byte, then one ASCII '1' (on) or '0' (off) per fuse.
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  const [OFF, ON] = [0x30, 0x31];

  const REQUIRED: Array<[keyof typeof FuseV1Options, boolean]> = [
    ['RunAsNode', false],
    ['EnableNodeOptionsEnvironmentVariable', false],
    ['EnableNodeCliInspectArguments', false],
    ['EnableCookieEncryption', true],
    ['EnableEmbeddedAsarIntegrityValidation', true],
    ['OnlyLoadAppFromAsar', true],
  ];

  it('sets every required fuse in the afterPack hook', async () => {
    const fuses = (await loadHook()).fuseConfig({ electronPlatformName: 'linux', arch: Arch.x64 });
    for (const [name, value] of REQUIRED) expect({ [name]: fuses[FuseV1Options[name]] }).toEqual({ [name]: value });
    expect(fuses.resetAdHocDarwinSignature).toBe(false);
    expect((await loadHook()).fuseConfig({ electronPlatformName: 'darwin', arch: Arch.arm64 }).resetAdHocDarwinSignature).toBe(true);
  });

  it("flips them in a binary's fuse wire through electron-builder's own flipper", async () => {
    // A stand-in for the Linux executable: Electron's sentinel, wire version 1, nine fuses at
    // Electron 45's defaults (RunAsNode, NODE_OPTIONS, inspect, file:// privileges, wasm trap handlers on).
    const defaults = [1, 0, 1, 1, 0, 0, 0, 1, 1];
    const dir = mkdtempSync(join(tmpdir(), 'station-fuses-'));
    try {
      const binary = join(dir, 'progeny-station');
      const wire = Buffer.from(defaults.map((on) => (on ? ON : OFF)));
      writeFileSync(binary, Buffer.concat([Buffer.alloc(64, 7), Buffer.from(SENTINEL), Buffer.from([1, defaults.length]), wire, Buffer.alloc(64, 7)]));
      const packager = Object.assign(Object.create(LinuxPackager.prototype) as LinuxPackager, { executableName: 'progeny-station' });

      await (await loadHook()).afterPack({ appOutDir: dir, electronPlatformName: 'linux', arch: Arch.x64, packager });

      const flipped = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
      for (const [name, value] of REQUIRED) expect({ [name]: flipped[FuseV1Options[name]] }).toEqual({ [name]: value ? ON : OFF });
      expect(flipped[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF);
      expect(flipped[8]).toBe(ON);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('electron-builder.yml: targets and macOS', () => {
  it('builds AppImage and deb, an NSIS installer and a dmg', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toContain('nsis');
    expect(config.mac.target).toContain('dmg');
  });

  it('signs for the hardened runtime, explains the camera, and asks for JIT and the camera only', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.extendInfo.NSCameraUsageDescription).toMatch(/camera/);
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
    const plist = readFileSync(join(ROOT, config.mac.entitlements), 'utf8');
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map(([, key]) => key);
    expect(granted.sort()).toEqual(['com.apple.security.cs.allow-jit', 'com.apple.security.device.camera']);
  });
});
