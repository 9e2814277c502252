import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { companionScripts, readScript, scriptsDir, scriptsZip } from '../../src/lib/scripts';

describe('companion scripts on the Tools page', () => {
	const scripts = companionScripts();

	it('finds the three scripts', () => {
		expect(scripts.map((s) => s.name)).toEqual(['cost-estimate.sh', 'resource-audit.sh', 'security-check.sh']);
	});

	it.each(scripts.map((s) => [s.name, s] as const))('%s: the page shows exactly what --help prints', (name, script) => {
		const printed = execFileSync('bash', [join(scriptsDir, name), '--help'], { encoding: 'utf8' });
		expect(script.help).toBe(printed);
	});

	it('zips every script byte for byte, executable, with the README', () => {
		const zip = scriptsZip();
		const entries = unzipSync(zip);
		expect(Object.keys(entries).sort()).toEqual([
			'aws-patterns-scripts/README.md',
			...scripts.map((s) => `aws-patterns-scripts/${s.name}`),
		]);
		for (const script of scripts) {
			expect(strFromU8(entries[`aws-patterns-scripts/${script.name}`]!)).toBe(readFileSync(join(scriptsDir, script.name), 'utf8'));
		}
		// Unix mode lives in the high half of each central directory entry's external attributes (offset 38).
		const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
		const modes: Record<string, number> = {};
		for (let at = 0; at + 46 <= zip.length; at++) {
			if (view.getUint32(at, true) !== 0x02014b50) continue;
			const nameLength = view.getUint16(at + 28, true);
			const name = strFromU8(zip.subarray(at + 46, at + 46 + nameLength));
			modes[name] = (view.getUint32(at + 38, true) >>> 16) & 0o777;
		}
		expect(modes['aws-patterns-scripts/security-check.sh']).toBe(0o755);
		expect(modes['aws-patterns-scripts/README.md']).toBe(0o644);
		expect(scriptsZip()).toEqual(zip);
	});

	describe('a script the page cannot document', () => {
		const dir = mkdtempSync(join(tmpdir(), 'aws-patterns-scripts-'));
		afterAll(() => rmSync(dir, { recursive: true, force: true }));

		it('is refused when it has no usage() here-document', () => {
			writeFileSync(join(dir, 'bare.sh'), '#!/usr/bin/env bash\n# bare.sh: does things.\necho hi\n');
			expect(() => readScript('bare.sh', dir)).toThrow(/no usage\(\) here-document/);
		});

		it('is refused when its help expands a variable other than $PROG', () => {
			writeFileSync(join(dir, 'var.sh'), '#!/usr/bin/env bash\n# var.sh: does things.\nusage() {\n\tcat <<EOF\nUsage: $PROG $HOME\nEOF\n}\n');
			expect(() => readScript('var.sh', dir)).toThrow(/expands more than \$PROG/);
		});

		it('is refused without a purpose line', () => {
			writeFileSync(join(dir, 'nopurpose.sh'), '#!/usr/bin/env bash\nusage() {\n\tcat <<EOF\nUsage: $PROG\nEOF\n}\n');
			expect(() => readScript('nopurpose.sh', dir)).toThrow(/second line must read/);
		});
	});
});
