/**
 * The CloudFormation stacks a pattern deploys: cloudformation/template.yaml once, or the templates
 * and Regions its pattern.yaml lists under `deployments` (a multi-Region pattern deploys a template
 * once per Region). The site sizes a pattern from every stack, and the IaC tests read, count and
 * check every template as often as it is deployed, each copy in its Region.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'astro/zod';
import { DeploymentSchema } from '../../schemas/pattern.ts';

export interface StackDeployment {
	/** File name in cloudformation/, for example "template.yaml". */
	template: string;
	/** Absolute path of the template. */
	file: string;
	/** The Region the stack is deployed in; undefined for a pattern that does not name one. */
	region: string | undefined;
	/**
	 * Names the stack where several are read into one model ("template@us-west-2"), and prefixes its
	 * logical ids there; undefined when the pattern deploys one stack, whose ids stay as they are.
	 */
	label: string | undefined;
}

/** The stacks of the pattern in `patternDir`, in the order pattern.yaml lists them. */
export function cloudFormationDeployments(patternDir: string): StackDeployment[] {
	const metaFile = join(patternDir, 'pattern.yaml');
	const data = existsSync(metaFile) ? (parseYaml(readFileSync(metaFile, 'utf8')) as { deployments?: unknown } | null) : null;
	const cloudformationDir = join(patternDir, 'cloudformation');
	if (data?.deployments === undefined) {
		return [{ template: 'template.yaml', file: join(cloudformationDir, 'template.yaml'), region: undefined, label: undefined }];
	}
	const parsed = z.array(DeploymentSchema).min(1).safeParse(data.deployments);
	if (!parsed.success) throw new Error(`${metaFile}: deployments do not match the schema in src/schemas/pattern.ts:\n${parsed.error.message}`);
	return parsed.data.flatMap(({ template, regions }) =>
		regions.map((region) => ({
			template,
			file: join(cloudformationDir, template),
			region,
			label: `${template.replace(/\.ya?ml$/, '')}@${region}`,
		}))
	);
}

/** Each template file once, for the checks that read a file rather than a deployment. */
export function cloudFormationTemplateFiles(patternDir: string): string[] {
	return [...new Set(cloudFormationDeployments(patternDir).map((d) => d.file))];
}
