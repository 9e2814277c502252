/**
 * `npm run update:urls`: rewrites content/urls/published.json from the built site in dist/ (run
 * `npm run build` first), keeping entries that content/urls/redirects.yaml still serves. Commit the
 * result with the change that added or moved pages.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestFile, readManifest, readRedirects, scanDist, updatedManifest } from '../src/lib/url-manifest.ts';

const built = scanDist(join(process.cwd(), 'dist'), process.env.BASE_PATH ?? '/');
const { manifest, dropped } = updatedManifest(readManifest(), built, readRedirects());
writeFileSync(manifestFile, `${JSON.stringify(manifest, null, '\t')}\n`);
const anchors = Object.values(manifest).reduce((n, list) => n + list.length, 0);
console.log(`content/urls/published.json: ${Object.keys(manifest).length} pages, ${anchors} anchors`);
if (dropped.length > 0) {
	console.warn(`Dropped without a redirect (links to these will break; add redirects to keep them):\n  ${dropped.join('\n  ')}`);
}
