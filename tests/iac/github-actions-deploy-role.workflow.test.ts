/**
 * The GitHub Actions workflow of the github-actions-deploy-role pattern, proved offline: GitHub's own
 * parser (@actions/workflow-parser, the schema the Actions service and the VS Code extension use)
 * accepts it, and it does what the pattern's role expects: it asks for an OIDC token, pins every
 * action, reads the role from a repository variable and deploys one run at a time from the branch
 * the role trusts. Each check fails on a fixture in tests/iac/fixtures/github-actions-deploy-role/.
 */
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { fixturesRoot, patternsRoot, rel } from './lib/patterns';
import { parseTemplate } from './lib/cloudformation';

// @actions/workflow-parser imports its JSON schema without `with { type: 'json' }`, which Node's own
// loader (used for packages vitest does not transform) refuses. Add the attribute for that package only.
registerHooks({
	load(url, context, nextLoad) {
		if (url.includes('/@actions/workflow-parser/') && url.endsWith('.json')) {
			return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
		}
		return nextLoad(url, context);
	},
});
const { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } = await import('@actions/workflow-parser');

const patternDir = join(patternsRoot, 'github-actions-deploy-role');
const workflowFile = join(patternDir, '.github', 'workflows', 'deploy.yml');
const fixture = (name: string) => join(fixturesRoot, 'github-actions-deploy-role', name);

interface Parsed {
	errors: string[];
	/** Every `uses:` of every step, in order, as the parser read them. */
	uses: string[];
}

/** GitHub's parser on one file: its validation errors (with file, line and column), and the actions it uses. */
async function parseFile(file: string): Promise<Parsed> {
	const result = parseWorkflow({ name: rel(file), content: readFileSync(file, 'utf8') }, new NoOperationTraceWriter());
	const errors = result.context.errors.getErrors().map((e) => e.message);
	if (errors.length > 0 || !result.value) return { errors, uses: [] };
	const template = await convertWorkflowTemplate(result.context, result.value);
	const uses = template.jobs.flatMap((job) => ('steps' in job ? job.steps : [])).flatMap((step) => ('uses' in step ? [step.uses.value] : []));
	return { errors: [...errors, ...(template.errors ?? []).map((e) => e.Message)], uses };
}

/** A version tag (v6, v6.2, v6.2.3) or a full commit SHA; a branch such as main moves under you. */
const pinned = /^[^@\s]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/;

interface Workflow {
	on?: { push?: { branches?: string[] } };
	permissions?: Record<string, string> | string;
	concurrency?: { group?: string; 'cancel-in-progress'?: boolean } | string;
	jobs?: Record<string, { permissions?: unknown; steps?: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
}

/**
 * What the pattern asks of its workflow, beyond being valid: an OIDC token and nothing more than
 * reading the code, pinned actions, the role from a repository variable, one deployment at a time,
 * and a push trigger on the branch the role trusts. One line per problem.
 */
function workflowProblems(file: string, uses: readonly string[], trustedBranch: string): string[] {
	const workflow = parseYaml(readFileSync(file, 'utf8')) as Workflow;
	const problems: string[] = [];
	const permissions = typeof workflow.permissions === 'object' ? workflow.permissions : {};
	if (permissions['id-token'] !== 'write') problems.push('permissions: id-token is not write, so the job cannot request an OIDC token');
	const extra = Object.entries(permissions).filter(([scope, level]) => scope !== 'id-token' && !(scope === 'contents' && level === 'read'));
	if (typeof workflow.permissions !== 'object' || extra.length > 0) {
		problems.push(`permissions: GITHUB_TOKEN gets more than contents: read (${typeof workflow.permissions === 'object' ? extra.map(([s, l]) => `${s}: ${l}`).join(', ') : String(workflow.permissions ?? 'the defaults')})`);
	}
	for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
		if (job.permissions !== undefined) problems.push(`jobs.${id}.permissions: a job must not widen the workflow's permissions`);
	}
	for (const action of uses) {
		if (!action.startsWith('./') && !pinned.test(action)) problems.push(`uses: ${action} is not pinned to a version tag or a commit SHA`);
	}
	const credentials = Object.values(workflow.jobs ?? {})
		.flatMap((job) => job.steps ?? [])
		.filter((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@'));
	if (credentials.length === 0) problems.push('no step uses aws-actions/configure-aws-credentials');
	for (const step of credentials) {
		const role = String(step.with?.['role-to-assume'] ?? '');
		if (!/^\$\{\{\s*vars\.[A-Z0-9_]+\s*\}\}$/.test(role)) problems.push(`role-to-assume: ${role || '(none)'} does not come from a repository variable`);
	}
	const concurrency = workflow.concurrency;
	if (typeof concurrency !== 'object' || !concurrency.group) problems.push('concurrency: no group, so two deployments can upload at the same time');
	else if (concurrency['cancel-in-progress'] !== false) problems.push('concurrency: cancel-in-progress is not false, so a new push can stop a deployment halfway');
	const branches = workflow.on?.push?.branches ?? [];
	if (branches.length !== 1 || branches[0] !== trustedBranch) {
		problems.push(`on.push.branches: ${JSON.stringify(branches)} is not the one branch the role trusts (${trustedBranch})`);
	}
	return problems;
}

/** The branch the CloudFormation variant's role trusts by default (its Branch parameter). */
const trustedBranch = String(parseTemplate(readFileSync(join(patternDir, 'cloudformation', 'template.yaml'), 'utf8')).Parameters?.['Branch']?.Default);

describe('github-actions-deploy-role workflow', () => {
	let workflow: Parsed;
	beforeAll(async () => {
		workflow = await parseFile(workflowFile);
	});

	test('parses with @actions/workflow-parser without errors', () => {
		expect(workflow.errors, `${rel(workflowFile)} fails GitHub's workflow schema`).toEqual([]);
		expect(workflow.uses.length).toBeGreaterThan(0);
	});

	test('asks for id-token: write, pins its actions, takes the role from a variable and deploys one run at a time from the trusted branch', () => {
		expect(trustedBranch).toBe('main');
		expect(workflowProblems(workflowFile, workflow.uses, trustedBranch)).toEqual([]);
	});

	test('uses configure-aws-credentials at major version 6', () => {
		expect(workflow.uses).toContain('aws-actions/configure-aws-credentials@v6');
	});
});

describe('github-actions-deploy-role workflow checks', () => {
	test('the parser rejects a workflow with an unknown permission value and a misspelt key, naming file and line', async () => {
		const file = fixture('invalid-workflow.yml');
		const { errors } = await parseFile(file);
		expect(errors).toEqual([
			`${rel(file)} (Line: 8, Col: 13): Unexpected value 'admin'`,
			`${rel(file)} (Line: 13, Col: 5): Unexpected value 'step'`,
		]);
	});

	test('the checks fail a valid workflow without an OIDC token, with unpinned actions and a typed-in role, once per problem', async () => {
		const file = fixture('loose-workflow.yml');
		const { errors, uses } = await parseFile(file);
		expect(errors).toEqual([]);
		expect(workflowProblems(file, uses, 'main')).toEqual([
			'permissions: id-token is not write, so the job cannot request an OIDC token',
			'permissions: GITHUB_TOKEN gets more than contents: read (contents: write)',
			'uses: actions/checkout@main is not pinned to a version tag or a commit SHA',
			'uses: some-owner/some-action@latest is not pinned to a version tag or a commit SHA',
			'role-to-assume: arn:aws:iam::111122223333:role/deploy does not come from a repository variable',
			'concurrency: no group, so two deployments can upload at the same time',
		]);
		expect(workflowProblems(file, uses, 'release')).toContain('on.push.branches: ["main"] is not the one branch the role trusts (release)');
	});
});
