/** security-check.sh against moto_server and the real AWS CLI. See emulator.ts. */
import { expect, test } from 'vitest';
import { account, describeEmulator, expectReadOnly, region, run, setup } from './emulator';
import type { SecurityReport } from './reports';

describeEmulator('security-check.sh against moto_server and the real AWS CLI', () => {
	test('security-check.sh reports each insecure resource built in the account', async () => {
		const volume = setup('ec2', 'create-volume', '--size', '1', '--availability-zone', `${region}a`, '--query', 'VolumeId');
		const group = setup('ec2', 'create-security-group', '--group-name', 'open-ssh', '--description', 'SSH from anywhere', '--query', 'GroupId');
		setup('ec2', 'authorize-security-group-ingress', '--group-id', group, '--protocol', 'tcp', '--port', '22', '--cidr', '0.0.0.0/0');
		setup('s3api', 'create-bucket', '--bucket', 'open-bucket');
		setup('rds', 'create-db-instance', '--db-instance-identifier', 'plain-db', '--db-instance-class', 'db.t4g.micro', '--engine', 'postgres',
			'--master-username', 'app', '--master-user-password', 'not-a-real-secret-1', '--allocated-storage', '20', '--no-storage-encrypted');

		const result = await run('security-check.sh', ['--region', region]);
		const report = result.report as SecurityReport;
		expect(result.code, result.stderr).toBe(1);
		expect(report).toMatchObject({ account, regions: [region], complete: true, errors: [], exitCode: 1 });
		expect(report.findings.map(({ check, region, resource }) => `${check} ${region} ${resource}`).sort()).toEqual(
			[
				`s3-account-public-access-block global ${account}`,
				`s3-bucket-public-access-block ${region} open-bucket`,
				`ebs-encryption ${region} ${volume}`,
				`rds-encryption ${region} plain-db`,
				`security-group-admin-ports ${region} ${group}`,
				`root-mfa global ${account}`,
				`cloudtrail-logging ${region} ${account}`,
			].sort(),
		);
		expect(report.findings.find((f) => f.check === 'security-group-admin-ports')?.detail).toMatch(/^port 22 open to 0\.0\.0\.0\/0/);
		expectReadOnly(result);
	});

	test('security-check.sh passes the same checks once the resources are secured', async () => {
		setup('s3control', 'put-public-access-block', '--account-id', account, '--public-access-block-configuration',
			'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true');
		setup('ec2', 'create-volume', '--size', '1', '--availability-zone', `${region}a`, '--encrypted');
		const group = setup('ec2', 'create-security-group', '--group-name', 'office-ssh', '--description', 'SSH from the office', '--query', 'GroupId');
		setup('ec2', 'authorize-security-group-ingress', '--group-id', group, '--protocol', 'tcp', '--port', '22', '--cidr', '10.0.0.0/8');
		setup('s3api', 'create-bucket', '--bucket', 'trail-logs');
		setup('cloudtrail', 'create-trail', '--name', 'organization', '--s3-bucket-name', 'trail-logs', '--is-multi-region-trail');
		setup('cloudtrail', 'start-logging', '--name', 'organization');
		setup('rds', 'create-db-instance', '--db-instance-identifier', 'encrypted-db', '--db-instance-class', 'db.t4g.micro', '--engine', 'postgres',
			'--master-username', 'app', '--master-user-password', 'not-a-real-secret-1', '--allocated-storage', '20', '--storage-encrypted');

		const result = await run('security-check.sh', ['--region', region]);
		const report = result.report as SecurityReport;
		// moto has no way to give the root user MFA, so that finding stays.
		expect(report.findings.map((f) => f.check)).toEqual(['root-mfa']);
		expect(report.checks.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual(['root-mfa']);
		expect(report).toMatchObject({ complete: true, exitCode: 1 });
		expectReadOnly(result);
	});
});
