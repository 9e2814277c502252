/**
 * The companion scripts in tools/scripts/, as the Tools page shows and serves them: each script's
 * own --help text (read from its usage() here-document, so the page cannot drift from the script),
 * its source, and one zip that keeps the executable bit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';

export const scriptsDir = join(process.cwd(), 'tools', 'scripts');

export interface CompanionScript {
	/** File name, for example "security-check.sh". */
	name: string;
	/** The one-line purpose from the script's second line ("# name: purpose"). */
	purpose: string;
	/** What `name --help` prints. */
	help: string;
	text: string;
}

const usagePattern = /^usage\(\) \{\n\tcat <<EOF\n([\s\S]*?)\nEOF\n\}/m;

export function readScript(name: string, dir = scriptsDir): CompanionScript {
	const text = readFileSync(join(dir, name), 'utf8');
	const usage = usagePattern.exec(text);
	if (!usage) throw new Error(`tools/scripts/${name}: no usage() here-document (cat <<EOF ... EOF) to show as help`);
	const purpose = new RegExp(`^# ${name.replace('.', '\\.')}: (.+)$`, 'm').exec(text);
	if (!purpose) throw new Error(`tools/scripts/${name}: the second line must read "# ${name}: <what it does>"`);
	// The here-document is unquoted, so the shell expands $PROG to the script's name and nothing else.
	const help = usage[1]!.replaceAll('$PROG', name);
	if (/\$[A-Za-z{(]/.test(help)) throw new Error(`tools/scripts/${name}: usage() expands more than $PROG; the page cannot show it`);
	return { name, purpose: purpose[1]!, help: `${help}\n`, text };
}

export function companionScripts(dir = scriptsDir): CompanionScript[] {
	return readdirSync(dir)
		.filter((name) => name.endsWith('.sh'))
		.sort()
		.map((name) => readScript(name, dir));
}

/** Every script and the README in one deterministic zip; the scripts keep mode 755 so they run after unzipping. */
export function scriptsZip(dir = scriptsDir): Uint8Array {
	const mtime = new Date('2026-01-01T00:00:00Z');
	const files = [...companionScripts(dir).map((s) => ({ name: s.name, text: s.text, mode: 0o755 })), { name: 'README.md', text: readFileSync(join(dir, 'README.md'), 'utf8'), mode: 0o644 }];
	const entries: Zippable = Object.fromEntries(
		files.map((file): [string, Zippable[string]] => [`aws-patterns-scripts/${file.name}`, [strToU8(file.text), { mtime, os: 3, attrs: file.mode << 16 }]])
	);
	return zipSync(entries, { level: 9 });
}
