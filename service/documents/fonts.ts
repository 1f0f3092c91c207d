/**
 * Font strategy for 公文 documents.
 *
 * Each role (title 小标宋-style, body 仿宋-style, heading 黑体, kai 楷体) has a
 * chain of candidate fonts, first found wins:
 *   1. the font the clerk configured for that role (settings);
 *   2. 公文 fonts installed on the laptop (Windows: simfang.ttf 仿宋, simhei.ttf
 *      黑体, simsun.ttc 宋体, simkai.ttf 楷体, 方正小标宋 / 仿宋_GB2312 when
 *      present), then Debian's fonts-arphic-uming / fonts-wqy-zenhei (the test
 *      machines' fonts);
 *   3. Noto Serif SC, derived once from the npm package @fontsource/noto-serif-sc
 *      (WOFF 1.0 → TrueType with zlib, checked to have glyf outlines) and cached
 *      in `<dataDir>/fonts/` — regular for the body, Black for the title.
 * Characters fall back per character along the role's chain and then every other
 * font loaded; a character no font has is refused with its name and code point.
 *
 * Only TrueType (glyf) outlines are accepted: CFF fonts render as empty boxes
 * after subsetting (TOOLCHAIN.md), so a configured .otf is refused with a reason.
 * A .ttc is split into one face. Every font is parsed once per process.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FontFormatError, collectionFaceOffsets, containerKind, decodeWoff, extractCollectionFace } from './sfnt/sfnt';
import { TrueTypeFont } from './sfnt/truetype';
import { docError } from './errors';

export const FONT_ROLES = ['title', 'body', 'heading', 'kai'] as const;
export type FontRole = (typeof FONT_ROLES)[number];
export const FONT_ROLE_LABEL: Record<FontRole, string> = {
  title: '标题（小标宋）',
  body: '正文（仿宋）',
  heading: '一级标题（黑体）',
  kai: '二级标题（楷体）',
};

/** A font file and, for a collection (.ttc), the face: index or part of its family name. */
export interface FontSource {
  path: string;
  face?: number | string;
}
export type FontConfig = Partial<Record<FontRole, FontSource>>;

export interface FontOptions {
  /** fonts the clerk chose in settings */
  configured?: FontConfig;
  /** where derived fonts are cached (`<dataDir>/fonts`); without it they are derived in memory */
  cacheDir?: string;
  /** false = skip installed system fonts (tests of the derived font) */
  useInstalled?: boolean;
  /** false = never derive the npm font */
  useDerived?: boolean;
}

// ---------------------------------------------------------------------------
// Installed fonts

function windowsFontDirs(): string[] {
  const dirs = [path.join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts')];
  if (process.env.LOCALAPPDATA) dirs.push(path.join(process.env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts'));
  return dirs;
}

const LINUX = {
  uming: '/usr/share/fonts/truetype/arphic/uming.ttc',
  ukai: '/usr/share/fonts/truetype/arphic/ukai.ttc',
  zenhei: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
};

/**
 * Candidates per role, best first. The title wants the heaviest 宋-style face:
 * 方正小标宋 when installed, else the derived Noto Serif SC Black (a true heavy
 * 标宋), and only then a 黑体.
 */
export type Candidate = { installed: FontSource } | { derived: DerivedFont };
export function roleCandidates(role: FontRole): Candidate[] {
  const win = (files: string[]): Candidate[] => windowsFontDirs().flatMap((d) => files.map((f) => ({ installed: { path: path.join(d, f) } })));
  const linux = (p: string, face: number | string): Candidate => ({ installed: { path: p, face } });
  switch (role) {
    case 'title':
      return [...win(['FZXBSJW.TTF', 'FZXBSK.TTF']), { derived: DERIVED.black }, ...win(['simhei.ttf']), linux(LINUX.zenhei, 0)];
    case 'body':
      return [...win(['FS_GB2312.ttf', 'simfang.ttf', 'simsun.ttc']), linux(LINUX.uming, 'UMing CN'), { derived: DERIVED.regular }];
    case 'heading':
      return [...win(['simhei.ttf']), linux(LINUX.zenhei, 0), { derived: DERIVED.bold }];
    case 'kai':
      return [...win(['KAI_GB2312.ttf', 'simkai.ttf']), linux(LINUX.ukai, 'UKai CN'), linux(LINUX.uming, 'UMing CN'), { derived: DERIVED.regular }];
  }
}

// ---------------------------------------------------------------------------
// The derived open font

export interface DerivedFont {
  id: string;
  weight: number;
  /** file name inside @fontsource/noto-serif-sc/files */
  file: string;
}
export const DERIVED: Record<'regular' | 'bold' | 'black' | 'latin', DerivedFont> = {
  regular: { id: 'noto-serif-sc-400', weight: 400, file: 'noto-serif-sc-chinese-simplified-400-normal.woff' },
  bold: { id: 'noto-serif-sc-700', weight: 700, file: 'noto-serif-sc-chinese-simplified-700-normal.woff' },
  black: { id: 'noto-serif-sc-900', weight: 900, file: 'noto-serif-sc-chinese-simplified-900-normal.woff' },
  latin: { id: 'noto-serif-sc-latin-400', weight: 400, file: 'noto-serif-sc-latin-400-normal.woff' },
};

function resolvePackageFile(spec: string): string | null {
  try {
    const req = typeof require === 'function' ? require : createRequire(import.meta.url);
    return req.resolve(spec);
  } catch {
    return null;
  }
}

/**
 * The TrueType bytes of a derived font: from the cache when present, otherwise
 * decoded from the npm package's WOFF, checked, and written to the cache.
 */
export function derivedFontBytes(d: DerivedFont, cacheDir?: string): Uint8Array | null {
  const cached = cacheDir ? path.join(cacheDir, `${d.id}.ttf`) : null;
  if (cached && existsSync(cached)) return readFileSync(cached);
  const src = resolvePackageFile(`@fontsource/noto-serif-sc/files/${d.file}`);
  if (!src) return null;
  const ttf = decodeWoff(readFileSync(src));
  new TrueTypeFont(ttf, d.id); // throws unless it has glyf outlines and a cmap
  if (cached) {
    mkdirSync(path.dirname(cached), { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    writeFileSync(tmp, ttf);
    renameSync(tmp, cached);
  }
  return ttf;
}

// ---------------------------------------------------------------------------
// Loading, once per process

const parsed = new Map<string, TrueTypeFont>();

/** A .ttc without the face the clerk named: the file is fine, the face is not. */
class FontFaceError extends Error {
  constructor(
    en: string,
    readonly zh: string,
  ) {
    super(en);
  }
}

function faceIndex(buf: Uint8Array, face: number | string | undefined, file: string): number {
  const n = collectionFaceOffsets(buf).length;
  if (face === undefined) return 0;
  if (typeof face === 'number') {
    if (face < 0 || face >= n) throw new FontFaceError(`${file} has ${n} faces, no face ${face}`, `字体集中没有序号为 ${face} 的字体（共${n}个，序号从0开始）`);
    return face;
  }
  for (let i = 0; i < n; i++) {
    const f = new TrueTypeFont(extractCollectionFace(buf, i), file);
    if (f.familyName.includes(face) || f.postScriptName.includes(face.replace(/\s/g, ''))) return i;
  }
  throw new FontFaceError(`${file} has no face named ${face}`, `字体集中没有名为“${face}”的字体（共${n}个）`);
}

function keyOf(src: FontSource): string {
  return `${path.resolve(src.path)}#${src.face ?? ''}`;
}

/** Parses a font file (one face of a .ttc), or throws a Chinese error saying why it cannot be used. */
export function loadFontFile(src: FontSource): TrueTypeFont {
  const key = keyOf(src);
  const hit = parsed.get(key);
  if (hit) return hit;
  let buf: Uint8Array;
  try {
    buf = readFileSync(src.path);
  } catch (e) {
    docError(`找不到字体文件“${src.path}”`, `font file ${src.path} unreadable: ${(e as Error).message}`);
  }
  let font: TrueTypeFont;
  try {
    const kind = containerKind(buf);
    if (kind === 'collection') buf = extractCollectionFace(buf, faceIndex(buf, src.face, src.path));
    else if (kind === 'woff') buf = decodeWoff(buf);
    else if (kind === 'woff2') throw new FontFormatError('WOFF2 is not supported; use a .ttf');
    font = new TrueTypeFont(buf, path.basename(src.path));
  } catch (e) {
    const why = (e as Error).message;
    const zh = e instanceof FontFaceError
      ? e.zh
      : /CFF|glyf/.test(why)
      ? '它不是TrueType轮廓字体（CFF/OpenType字体嵌入后会显示为空白方框），请选择 .ttf 或 .ttc 字体'
      : '文件格式无法识别';
    docError(`字体文件“${src.path}”无法使用：${zh}`, `font ${src.path}: ${why}`);
  }
  parsed.set(key, font);
  return font;
}

function loadDerived(d: DerivedFont, cacheDir?: string): TrueTypeFont | null {
  const key = `derived:${d.id}`;
  const hit = parsed.get(key);
  if (hit) return hit;
  const bytes = derivedFontBytes(d, cacheDir);
  if (!bytes) return null;
  const font = new TrueTypeFont(bytes, d.id);
  parsed.set(key, font);
  return font;
}

// ---------------------------------------------------------------------------
// The font set a document uses

export interface Glyph {
  font: TrueTypeFont;
  gid: number;
  /** advance in em (1 = the font size) */
  advance: number;
}

export interface FontChoice {
  role: FontRole;
  /** the primary font of the role: family name and where it came from */
  family: string;
  source: string;
}

export class FontSet {
  private readonly all: TrueTypeFont[];
  private readonly cache = new Map<FontRole, Map<number, Glyph | null>>();

  constructor(
    readonly chains: Record<FontRole, TrueTypeFont[]>,
    readonly choices: FontChoice[],
  ) {
    this.all = [...new Set(FONT_ROLES.flatMap((r) => chains[r]))];
    for (const r of FONT_ROLES) this.cache.set(r, new Map());
  }

  /** The glyph for a code point in a role, falling back per character; null when no font has it. */
  glyph(role: FontRole, cp: number): Glyph | null {
    const c = this.cache.get(role)!;
    const hit = c.get(cp);
    if (hit !== undefined) return hit;
    let found: Glyph | null = null;
    for (const font of [...this.chains[role], ...this.all]) {
      const gid = font.glyphId(cp);
      // a space has no outline but is a real glyph; anything else must draw something
      if (gid !== 0 && (cp === 0x20 || cp === 0x3000 || font.hasOutline(gid))) {
        found = { font, gid, advance: font.advance(gid) / font.metrics.unitsPerEm };
        break;
      }
    }
    c.set(cp, found);
    return found;
  }

  /** Refuses (Chinese message naming the character) unless every character of `text` has a glyph. */
  assertCovered(role: FontRole, text: string): void {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0x0a || cp === 0x0d || cp === 0x09) continue;
      if (!this.glyph(role, cp)) {
        const hex = cp.toString(16).toUpperCase().padStart(4, '0');
        docError(`字符“${ch}”（U+${hex}）在可用字体中都没有，无法生成文档`, `no font has U+${hex}`);
      }
    }
  }
}

function describe(src: FontSource): string {
  return src.face === undefined ? src.path : `${src.path}（${src.face}）`;
}

let defaultSetCache: { key: string; set: FontSet } | null = null;

/** Builds (and caches per configuration) the fonts for documents. */
export function loadFontSet(opts: FontOptions = {}): FontSet {
  const key = JSON.stringify([opts.configured ?? {}, opts.cacheDir ?? '', opts.useInstalled ?? true, opts.useDerived ?? true]);
  if (defaultSetCache?.key === key) return defaultSetCache.set;
  const chains = {} as Record<FontRole, TrueTypeFont[]>;
  const choices: FontChoice[] = [];
  for (const role of FONT_ROLES) {
    const chain: TrueTypeFont[] = [];
    let source = '';
    const configured = opts.configured?.[role];
    if (configured) {
      chain.push(loadFontFile(configured)); // a configured font that fails is an error, not a silent fallback
      source = `设置：${describe(configured)}`;
    }
    for (const c of roleCandidates(role)) {
      let f: TrueTypeFont | null = null;
      if ('installed' in c) {
        if (opts.useInstalled === false || !existsSync(c.installed.path)) continue;
        try {
          f = loadFontFile(c.installed);
        } catch {
          continue; // an unusable installed font is skipped; the next candidate serves
        }
      } else if (opts.useDerived !== false) {
        f = loadDerived(c.derived, opts.cacheDir);
      }
      if (!f) continue;
      chain.push(f);
      source ||= 'installed' in c ? `已安装：${describe(c.installed)}` : `由 @fontsource/noto-serif-sc 生成：${c.derived.id}`;
      break;
    }
    // Latin letters and digits the CJK subset lacks
    const latin = opts.useDerived !== false ? loadDerived(DERIVED.latin, opts.cacheDir) : null;
    if (latin) chain.push(latin);
    const unique = [...new Set(chain)];
    if (unique.length === 0) {
      docError(`没有可用的${FONT_ROLE_LABEL[role]}字体，请在文书设置中指定字体文件`, `no font for role ${role}`);
    }
    chains[role] = unique;
    choices.push({ role, family: unique[0]!.familyName, source });
  }
  const set = new FontSet(chains, choices);
  defaultSetCache = { key, set };
  return set;
}

/** A stable short hash, e.g. for subset tags. */
export function shortHash(s: string): string {
  return createHash('sha1').update(s).digest('hex');
}
