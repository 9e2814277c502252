/**
 * A Vite plugin that replaces the selector Starlight's table of contents runs once per page with
 * src/scripts/toc-targets.ts, which finds the same elements without a cost that grows with the
 * square of a code block's length (see there). It changes nothing else in Starlight's script, and
 * fails the build when that script no longer has the code it replaces (after a Starlight upgrade:
 * check whether the replacement is still needed).
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const tocScript = /[\\/]@astrojs[\\/]starlight[\\/].*[\\/]starlight-toc\.[jt]s$/;
/** Starlight 0.42's `const toObserve = document.querySelectorAll([ ...selectors ].join());` */
const selectorQuery = /const toObserve = document\.querySelectorAll\(\[[^\]]*\]\.join\(\)\);/;
const targetsModule = fileURLToPath(new URL('../scripts/toc-targets.ts', import.meta.url));

export function replaceTocQuery(code: string, id: string): string {
	if (!selectorQuery.test(code)) {
		throw new Error(`${id}: the table of contents no longer builds its observed elements with the selector src/plugins/fast-toc.ts replaces. Check whether Starlight still needs the replacement, then update or remove the plugin.`);
	}
	return `import { tocTargets as __tocTargets } from ${JSON.stringify(targetsModule)};\n${code.replace(selectorQuery, 'const toObserve = __tocTargets(this.tocHeadingSelector);')}`;
}

export function fastToc(): Plugin {
	return {
		name: 'aws-patterns:fast-toc',
		transform(code, id) {
			const file = id.split('?')[0]!;
			return tocScript.test(file) ? { code: replaceTocQuery(code, file), map: null } : undefined;
		},
	};
}
