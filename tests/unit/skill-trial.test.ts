/**
 * The agent skill tried as an agent uses it: everyday requests, the files of the bundle that answer
 * each (SKILL.md, then the references it points to), what each file must say for the answer, and the
 * total an agent reads, held to about 40 KB. Example folders are copied whole, not read, and are
 * listed apart. A request the skill does not cover must be answered by SKILL.md's "Not covered".
 */
import { strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { skillFiles } from '../../src/lib/skill';

/** What an agent may read for one request: about 40 KB, with room for a page near its split size. */
const readLimitBytes = 42 * 1024;

interface Request {
	request: string;
	/** Files read, and a phrase each must contain for the answer. */
	reads: Array<[path: string, mustSay: RegExp]>;
	/** Example folders copied into the user's project. */
	copies?: string[];
}

const requests: Request[] = [
	{
		request: 'An HTTP API in Node.js with spiky traffic, and what it costs at 5 million requests a month',
		reads: [
			['SKILL.md', /API backend: AWS Lambda/],
			['references/patterns/serverless-rest-api.md', /Unit rate \(USD\)/],
		],
		copies: ['examples/serverless-rest-api/terraform/'],
	},
	{
		request: 'Terraform for a static website in a private S3 bucket behind CloudFront',
		reads: [
			['SKILL.md', /examples\/static-website\//],
			['references/patterns/static-website.md', /origin access control/i],
		],
		copies: ['examples/static-website/terraform/'],
	},
	{
		request: 'A nightly batch job that runs for three hours, and its cost',
		reads: [
			['SKILL.md', /Batch processing, many jobs in a queue: AWS Batch/],
			['references/guides/compute.md', /AWS Batch/],
			['references/services/batch.md', /no rate for AWS Batch is in this skill's price list/],
			['references/services/fargate.md', /Rates in us-east-1/],
		],
	},
	{
		request: 'Fan out order events to five consumers, each receiving only the orders it filters for',
		reads: [
			['SKILL.md', /several independent consumers: SNS topic with an SQS queue per consumer/],
			['references/services/sns.md', /filter polic/i],
			['references/services/sqs.md', /Rates in us-east-1/],
		],
	},
	{
		request: 'PostgreSQL with credential rotation and a standby in another Availability Zone, in CDK',
		reads: [
			['SKILL.md', /examples\/aurora-postgresql\//],
			['references/patterns/aurora-postgresql.md', /rotat/i],
			['references/patterns/aurora-postgresql.2.md', /## Cost/],
		],
		copies: ['examples/aurora-postgresql/cdk/'],
	},
	{
		request: 'User sign-up and sign-in for a web app and its API',
		reads: [
			['SKILL.md', /examples\/api-with-sign-in\//],
			['references/patterns/api-with-sign-in.md', /Cognito/],
			['references/patterns/api-with-sign-in.2.md', /## Cost/],
		],
		copies: ['examples/api-with-sign-in/cdk/'],
	},
	{
		request: 'A voice bot for a call centre built on Amazon Lex (not covered)',
		reads: [['SKILL.md', /## Not covered\n\nThis skill has no page for [^\n]*Amazon Lex/]],
	},
];

describe('the agent skill, tried on everyday requests', () => {
	let files: Map<string, Uint8Array>;
	beforeAll(() => {
		files = new Map(skillFiles({ site: 'https://aws-patterns.dev', base: '/' }).map((file) => [file.path, file.data]));
	});

	for (const { request, reads, copies = [] } of requests) {
		it(`answers "${request}" from files that say what is needed, reading at most about 40 KB`, () => {
			let total = 0;
			for (const [path, mustSay] of reads) {
				const data = files.get(path);
				expect(data, path).toBeDefined();
				expect(strFromU8(data!), path).toMatch(mustSay);
				total += data!.length;
			}
			for (const folder of copies) expect([...files.keys()].some((path) => path.startsWith(folder)), folder).toBe(true);
			console.log(`${request}: ${reads.map(([path]) => `${path} ${(files.get(path)!.length / 1024).toFixed(1)} KB`).join(' + ')} = ${(total / 1024).toFixed(1)} KB`);
			expect(total).toBeLessThanOrEqual(readLimitBytes);
		});
	}
});
