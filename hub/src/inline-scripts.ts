import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/**
 * CSP sources for the inline scripts of the built pages (the player's
 * home-screen preload is one): each allowed by its SHA-256 alone, so the
 * policy still refuses any other inline script, an injected one included.
 */
export function inlineScriptHashes(pages: string[]): string[] {
  const hashes = new Set<string>();
  for (const page of pages) {
    if (!existsSync(page)) continue;
    const html = readFileSync(page, 'utf8');
    for (const match of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
      const body = match[1] ?? '';
      if (body.trim()) hashes.add(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
    }
  }
  return [...hashes];
}
