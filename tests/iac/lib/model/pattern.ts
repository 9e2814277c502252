/** The three models of a pattern, read from its folder (the CDK app is synthesised in this process). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Variant } from '../../type-map';
import type { CfnTemplate, SynthResult } from '../cdk';
import { parseTemplate, type CfnDocument } from '../cloudformation';
import { rel, type PatternFolder } from '../patterns';
import { emptyModel, type Model } from '../../../../src/lib/iac/model';
import { readCloudFormation } from '../../../../src/lib/iac/read-cloudformation';
import { readTerraform } from './read-terraform';

/** The Region the variants are compared in: Region-dependent choices are resolved as there. */
export const defaultRegion = 'us-east-1';

/** CDK's own bookkeeping, which deploys nothing a reader would compare. */
const cdkBookkeeping = new Set(['AWS::CDK::Metadata']);

export function modelOfTemplates(templates: Record<string, CfnTemplate | CfnDocument>, variant: Variant, region: string | undefined): Model {
	const model = emptyModel(variant, region);
	for (const template of Object.values(templates)) {
		const resources = Object.fromEntries(Object.entries((template as CfnDocument).Resources ?? {}).filter(([, r]) => !cdkBookkeeping.has(r.Type)));
		readCloudFormation({ ...(template as CfnDocument), Resources: resources }, variant, region, model);
	}
	return model;
}

export function readTemplateFile(file: string): CfnDocument {
	return parseTemplate(readFileSync(file, 'utf8'));
}

/** Models of the pattern's three variants in each Region asked for, from the CDK app's synthesis. */
export async function patternModels(pattern: PatternFolder, synth: SynthResult, regions: readonly string[] = [defaultRegion]): Promise<Array<Record<Variant, Model>>> {
	const templateFile = join(pattern.cloudformationDir, 'template.yaml');
	const template = existsSync(templateFile) ? readTemplateFile(templateFile) : undefined;
	return Promise.all(
		regions.map(async (region) => {
			const cloudformation = template ? modelOfTemplates({ template }, 'cloudformation', region) : emptyModel('cloudformation', region);
			if (!template) cloudformation.problems.push(`${rel(templateFile)} is missing`);
			return {
				cdk: modelOfTemplates(synth.templates, 'cdk', region),
				cloudformation,
				terraform: await readTerraform(pattern.terraformDir, region),
			};
		})
	);
}
