/**
 * The page and the READMEs of multi-region-failover state how long a failover takes. The figures
 * must be the code's: the health check's interval and failure threshold and the record's TTL in
 * cloudformation/template.yaml (tests/iac/equivalence.test.ts holds the CDK and Terraform variants
 * to the same values). Change one and this test names the text to update.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseTemplate } from './lib/cloudformation';
import { patternsRoot, repoRoot } from './lib/patterns';

const dir = join(patternsRoot, 'multi-region-failover');
const template = parseTemplate(readFileSync(join(dir, 'cloudformation', 'template.yaml'), 'utf8'));
const resources = template.Resources ?? {};
const config = resources['HealthCheck']!.Properties!['HealthCheckConfig'] as { RequestInterval: number; FailureThreshold: number; ResourcePath: string; Type: string };
const ttl = Number(resources['FailoverRecord']!.Properties!['TTL']);
const seconds = config.RequestInterval * config.FailureThreshold + ttl;

/** "two and a half minutes" for 150 seconds: the wording the page and READMEs use. */
function minutes(total: number): string {
	const words = ['zero', 'one', 'two', 'three', 'four', 'five'];
	const whole = Math.floor(total / 60);
	const half = total % 60 >= 30;
	return `${words[whole]}${half ? ' and a half' : ''} minute${whole > 1 || half ? 's' : ''}`;
}

const documents = [
	join(repoRoot, 'src', 'content', 'docs', 'patterns', 'multi-region-failover.mdx'),
	...['cdk', 'terraform', 'cloudformation'].map((variant) => join(dir, variant, 'README.md')),
];

describe('multi-region-failover failover timing', () => {
	test('is computed from a health check of GET /health over HTTPS and a failover record with a TTL', () => {
		expect(config.Type).toBe('HTTPS');
		expect(config.ResourcePath).toBe('/health');
		expect(seconds).toBeGreaterThan(0);
		expect(minutes(150)).toBe('two and a half minutes');
	});

	test.each(documents.map((file) => [file.slice(repoRoot.length + 1), file] as const))('%s states the time the code gives', (_name, file) => {
		const text = readFileSync(file, 'utf8');
		expect(text).toContain(`about ${minutes(seconds)}`);
	});

	test('the page shows the sum with the code\'s values', () => {
		const page = readFileSync(documents[0]!, 'utf8');
		expect(page).toContain(`every ${config.RequestInterval} seconds`);
		expect(page).toContain(`after ${config.FailureThreshold} failures in a row: about ${config.RequestInterval} × ${config.FailureThreshold} = ${config.RequestInterval * config.FailureThreshold} seconds`);
		expect(page).toContain(`TTL, ${ttl} seconds`);
	});
});
