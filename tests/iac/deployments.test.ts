/**
 * A pattern that deploys stacks in several Regions is compared as it is deployed: each CloudFormation
 * template as often as pattern.yaml's deployments list it, each copy read in its Region; each local
 * Terraform module once per module block, read in the Region of the provider the block passes; each
 * CDK stack in its own Region. The fixture's deployments leave out the second Region, so the
 * comparison must find a queue missing from the CloudFormation variant.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DeploymentSchema } from '../../src/schemas/pattern';
import { cloudFormationDeployments } from '../../src/lib/iac/deployments';
import type { Model } from '../../src/lib/iac/model';
import { synthApp, type SynthResult } from './lib/cdk';
import { cloudFormationInventory, compareInventories, formatInventoryTable, patternInventories, type Inventory } from './lib/equivalence';
import { patternModels } from './lib/model/pattern';
import { fixturesRoot, patternFolder, patternsRoot } from './lib/patterns';
import { moduleProblems } from './lib/terraform';
import type { Variant } from './type-map';

const fixture = patternFolder(join(fixturesRoot, 'deployments'));
const regionsOf = (model: Model) => [...new Set([...model.resources.values()].map((r) => r.region))].sort();

describe('multi-Region deployments', () => {
	let synth: SynthResult;
	let inventories: Record<Variant, Inventory>;
	let models: Record<Variant, Model>;
	beforeAll(async () => {
		synth = await synthApp(fixture.cdkDir);
		inventories = await patternInventories(fixture, synth);
		// Asked for another Region: fixed Regions win, as the page's deploy commands name them.
		[models] = (await patternModels(fixture, synth, ['ap-southeast-5'])) as [Record<Variant, Model>];
	});
	afterAll(() => {
		if (synth) rmSync(synth.outdir, { recursive: true, force: true });
	});

	test('fail the comparison when pattern.yaml leaves a Region out of a template, naming each copy', () => {
		const differences = compareInventories(inventories);
		expect(differences).toEqual([{ type: 'AWS::SQS::Queue', counts: { cdk: 2, cloudformation: 1, terraform: 2 }, presenceOnly: false }]);
		const table = formatInventoryTable(inventories, differences);
		expect(table).toContain('AWS::SQS::Queue in CloudFormation: template@us-east-1/Queue');
		expect(table).toContain('AWS::SQS::Queue in Terraform: module.primary.aws_sqs_queue.queue, module.secondary.aws_sqs_queue.queue');
		expect(inventories.terraform.problems).toEqual([]);
	});

	test('read each stack, template copy and module instance in its own Region, with ids that keep them apart', () => {
		expect([...models.cloudformation.resources.keys()]).toEqual(['template@us-east-1/Queue']);
		expect(regionsOf(models.cloudformation)).toEqual(['us-east-1']);
		expect([...models.terraform.resources.keys()].sort()).toEqual(['module.primary.aws_sqs_queue.queue', 'module.secondary.aws_sqs_queue.queue']);
		expect(regionsOf(models.terraform)).toEqual(['us-east-1', 'us-west-2']);
		expect([...models.cdk.resources.keys()].map((id) => id.split('/')[0]).sort()).toEqual(['QueuePrimary', 'QueueSecondary']);
		expect(regionsOf(models.cdk)).toEqual(['us-east-1', 'us-west-2']);
		// A module input reaches the module's resources.
		expect(models.terraform.resources.get('module.secondary.aws_sqs_queue.queue')!.props['MessageRetentionPeriod']).toBe(86400);
	});

	test('count a template once per Region its deployment lists', () => {
		const dir = join(patternsRoot, 'multi-region-failover');
		expect(cloudFormationDeployments(dir).map((d) => d.label)).toEqual(['table@us-east-1', 'template@us-east-1', 'template@us-west-2']);
		const inventory = cloudFormationInventory(dir);
		expect(inventory.counts.get('AWS::Lambda::Function')).toBe(2);
		expect(inventory.counts.get('AWS::DynamoDB::Table')).toBe(1);
	});

	test('accept a deployment only with a template file name and Region codes', () => {
		expect(DeploymentSchema.safeParse({ template: 'template.yaml', regions: ['us-east-1', 'us-west-2'] }).success).toBe(true);
		expect(DeploymentSchema.safeParse({ template: 'template.yaml', regions: [] }).success).toBe(false);
		expect(DeploymentSchema.safeParse({ template: 'template.yaml', regions: ['primary'] }).success).toBe(false);
		expect(DeploymentSchema.safeParse({ template: '../template.yaml', regions: ['us-east-1'] }).success).toBe(false);
	});

	test('accept a module in a subfolder of the Terraform folder, and reject one that leaves it', () => {
		const tf = (source: string) => ({ module: { region: [{ source }] } });
		expect(moduleProblems(tf('./modules/region'))).toEqual([]);
		expect(moduleProblems(tf('../modules/region'))).toEqual(['module "region" has a relative source "../modules/region": publish it or inline its resources']);
		expect(moduleProblems(tf('./modules/../../shared'))).toEqual(['module "region" has a relative source "./modules/../../shared": publish it or inline its resources']);
	});
});
