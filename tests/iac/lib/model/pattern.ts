/** The three models of a pattern, read from its folder (the CDK app is synthesised in this process). */
import { existsSync, readFileSync } from 'node:fs';
import { Token } from 'aws-cdk-lib';
import type { Variant } from '../../type-map';
import type { CfnTemplate, SynthResult } from '../cdk';
import { parseTemplate, type CfnDocument } from '../cloudformation';
import { rel, type PatternFolder } from '../patterns';
import { cloudFormationDeployments } from '../../../../src/lib/iac/deployments';
import { addResources, emptyModel, type Model } from '../../../../src/lib/iac/model';
import { readCloudFormation } from '../../../../src/lib/iac/read-cloudformation';
import { readTerraform } from './read-terraform';

/** The Region the variants are compared in: Region-dependent choices are resolved as there. */
export const defaultRegion = 'us-east-1';

/** CDK's own bookkeeping, which deploys nothing a reader would compare. */
const cdkBookkeeping = new Set(['AWS::CDK::Metadata']);

/**
 * One model of several templates. With more than one, each template's ids get its name as a
 * prefix ("MyStack/Function"), so stacks with the same logical ids stay apart, and each is read in
 * its own Region where `regionOf` names one (a stack with a fixed Region), else in `region`.
 */
export function modelOfTemplates(
	templates: Record<string, CfnTemplate | CfnDocument>,
	variant: Variant,
	region: string | undefined,
	regionOf: (name: string) => string | undefined = () => undefined
): Model {
	const model = emptyModel(variant, region);
	const several = Object.keys(templates).length > 1;
	for (const [name, template] of Object.entries(templates)) {
		const resources = Object.fromEntries(Object.entries((template as CfnDocument).Resources ?? {}).filter(([, r]) => !cdkBookkeeping.has(r.Type)));
		const own = regionOf(name) ?? region;
		const part = readCloudFormation({ ...(template as CfnDocument), Resources: resources }, variant, own);
		addResources(model, part, several ? `${name}/` : '', several ? own : undefined);
	}
	return model;
}

export function readTemplateFile(file: string): CfnDocument {
	return parseTemplate(readFileSync(file, 'utf8'));
}

/**
 * The hand-written templates as deployed: each of pattern.yaml's deployments (a template in a
 * Region) read in its Region, with its label as a prefix; or cloudformation/template.yaml alone.
 */
export function cloudFormationModel(pattern: PatternFolder, region: string | undefined): Model {
	const model = emptyModel('cloudformation', region);
	for (const deployment of cloudFormationDeployments(pattern.dir)) {
		if (!existsSync(deployment.file)) {
			model.problems.push(`${rel(deployment.file)} is missing`);
			continue;
		}
		const part = readCloudFormation(readTemplateFile(deployment.file), 'cloudformation', deployment.region ?? region);
		addResources(model, part, deployment.label ? `${deployment.label}/` : '', deployment.label ? deployment.region : undefined);
	}
	return model;
}

/** Models of the pattern's three variants in each Region asked for, from the CDK app's synthesis. */
export async function patternModels(pattern: PatternFolder, synth: SynthResult, regions: readonly string[] = [defaultRegion]): Promise<Array<Record<Variant, Model>>> {
	// A stack with a fixed Region (a multi-Region app) is read there, whatever Region is asked for.
	const stackRegions = new Map(synth.stacks.filter((s) => !Token.isUnresolved(s.region)).map((s) => [s.artifactId, s.region]));
	return Promise.all(
		regions.map(async (region) => ({
			cdk: modelOfTemplates(synth.templates, 'cdk', region, (name) => stackRegions.get(name)),
			cloudformation: cloudFormationModel(pattern, region),
			terraform: await readTerraform(pattern.terraformDir, region),
		}))
	);
}
