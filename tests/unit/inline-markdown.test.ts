import { describe, expect, it } from 'vitest';
import { inlineMarkdown } from '../../src/lib/inline-markdown';

describe('inlineMarkdown', () => {
	it('renders code, bold and site or https links', () => {
		expect(inlineMarkdown('Use `grant*` and **least privilege**, see [KMS](/services/kms/).')).toBe(
			'Use <code>grant*</code> and <strong>least privilege</strong>, see <a href="/services/kms/">KMS</a>.'
		);
	});

	it('escapes markup and refuses other link schemes', () => {
		expect(inlineMarkdown('<script>x</script> [x](javascript:alert(1))')).toBe(
			'&lt;script&gt;x&lt;/script&gt; [x](javascript:alert(1))'
		);
	});

	it('puts the base path before links to the site, not before links elsewhere', () => {
		expect(inlineMarkdown('See [messaging](/decisions/messaging/) and [AWS](https://aws.amazon.com/).', '/aws-patterns')).toBe(
			'See <a href="/aws-patterns/decisions/messaging/">messaging</a> and <a href="https://aws.amazon.com/">AWS</a>.'
		);
	});
});
