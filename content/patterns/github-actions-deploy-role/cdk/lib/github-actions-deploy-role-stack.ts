import {
  Aws,
  CfnCondition,
  CfnOutput,
  CfnParameter,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Validations,
  type CfnResource,
  type StackProps,
} from 'aws-cdk-lib';
import { CfnRole, OidcProviderNative, PolicyDocument, PolicyStatement, Role, WebIdentityPrincipal } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/** The issuer of the tokens GitHub Actions signs, and the audience configure-aws-credentials asks for. */
const GITHUB_OIDC_URL = 'https://token.actions.githubusercontent.com';
const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
const STS_AUDIENCE = 'sts.amazonaws.com';

/**
 * The IAM OIDC provider for GitHub Actions and a deploy role that one branch of one repository can
 * assume to publish a static site to one S3 bucket and invalidate one CloudFront distribution.
 * The Terraform and CloudFormation variants of this pattern deploy the same resources under the
 * same names, so compare them side by side.
 */
export class GitHubActionsDeployRoleStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // ---------------------------------------------------------------- Inputs
    // CloudFormation parameters rather than context, so that the repository is chosen when the
    // stack is deployed (`npx cdk deploy --parameters RepositoryOwner=...`) and a deployment that
    // does not name it fails. The patterns reject wildcards, so the trust cannot be widened by input.
    const repositoryOwner = new CfnParameter(this, 'RepositoryOwner', {
      type: 'String',
      description:
        'The GitHub organization or user that owns the repository, exactly as the OIDC sub claim names it: octo-org for repositories with the legacy claim, octo-org@123456 (with the owner\'s numeric ID) for repositories that use immutable subject claims, which new repositories do.',
      allowedPattern: '^[A-Za-z0-9][A-Za-z0-9-]{0,38}(@[0-9]+)?$',
      constraintDescription: 'a GitHub owner name (letters, digits and hyphens), optionally followed by @ and its numeric ID; no wildcards',
    });
    const repositoryName = new CfnParameter(this, 'RepositoryName', {
      type: 'String',
      description:
        'The repository, exactly as the OIDC sub claim names it: my-site, or my-site@789012 (with the repository\'s numeric ID) for repositories that use immutable subject claims.',
      allowedPattern: '^[A-Za-z0-9._-]{1,100}(@[0-9]+)?$',
      constraintDescription: 'a GitHub repository name (letters, digits, dots, hyphens, underscores), optionally followed by @ and its numeric ID; no wildcards',
    });
    const branch = new CfnParameter(this, 'Branch', {
      type: 'String',
      description: 'The one branch whose workflow runs may assume the role.',
      default: 'main',
      allowedPattern: '^[A-Za-z0-9._/-]{1,255}$',
      constraintDescription: 'a branch name without wildcards',
    });
    const siteBucketName = new CfnParameter(this, 'SiteBucketName', {
      type: 'String',
      description: 'The S3 bucket the workflow uploads the site to, such as the SiteBucketName output of the static-website pattern.',
      allowedPattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
      constraintDescription: 'an S3 bucket name',
    });
    const distributionId = new CfnParameter(this, 'DistributionId', {
      type: 'String',
      description: 'The CloudFront distribution whose cache the workflow invalidates, such as the DistributionId output of the static-website pattern.',
      allowedPattern: '^[A-Z0-9]{1,32}$',
      constraintDescription: 'a CloudFront distribution ID (capital letters and digits)',
    });
    const existingOidcProviderArn = new CfnParameter(this, 'ExistingOidcProviderArn', {
      type: 'String',
      description:
        'The ARN of the account\'s IAM OIDC provider for token.actions.githubusercontent.com, if it already has one (an account can have only one per URL). Leave empty to create it here.',
      default: '',
      allowedPattern: '^$|^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/token\\.actions\\.githubusercontent\\.com$',
      constraintDescription: 'empty, or the ARN of the OIDC provider for token.actions.githubusercontent.com',
    });
    const permissionsBoundaryPolicyName = new CfnParameter(this, 'PermissionsBoundaryPolicyName', {
      type: 'String',
      description:
        'Optional name (with its path, if any) of a managed policy in this account to set as the role\'s permissions boundary, if your organization requires one on the roles it creates. Leave empty for none.',
      default: '',
      allowedPattern: '^$|^[A-Za-z0-9+=,.@_/-]{1,512}$',
      constraintDescription: 'empty, or a managed policy name such as ci-boundary or boundaries/ci-boundary',
    });

    const createOidcProvider = new CfnCondition(this, 'CreateOidcProvider', {
      expression: Fn.conditionEquals(existingOidcProviderArn.valueAsString, ''),
    });
    const hasPermissionsBoundary = new CfnCondition(this, 'HasPermissionsBoundary', {
      expression: Fn.conditionNot(Fn.conditionEquals(permissionsBoundaryPolicyName.valueAsString, '')),
    });

    // ---------------------------------------------------------------- OIDC identity provider
    // The native AWS::IAM::OIDCProvider, not the OpenIdConnectProvider construct, which creates it
    // through a Lambda-backed custom resource. No thumbprints: IAM verifies GitHub's certificate
    // against its library of trusted root certificate authorities and would ignore a thumbprint.
    const provider = new OidcProviderNative(this, 'GitHubOidcProvider', {
      url: GITHUB_OIDC_URL,
      clientIds: [STS_AUDIENCE],
      // Deleting the stack deletes the provider, and with it every role's trust in GitHub in this
      // account. If other stacks' roles use it, pass its ARN as ExistingOidcProviderArn instead.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An account can have one provider per URL: with ExistingOidcProviderArn set, none is created.
    (provider.node.defaultChild as CfnResource).cfnOptions.condition = createOidcProvider;
    const providerArn = Fn.conditionIf(createOidcProvider.logicalId, provider.oidcProviderArn, existingOidcProviderArn.valueAsString).toString();

    // ---------------------------------------------------------------- Deploy role
    // StringEquals on both claims, never StringLike with a wildcard: a token from any other
    // repository, branch, environment, tag or pull request does not match.
    const subject = `repo:${repositoryOwner.valueAsString}/${repositoryName.valueAsString}:ref:refs/heads/${branch.valueAsString}`;
    const role = new Role(this, 'DeployRole', {
      description: 'Lets one branch of one GitHub repository publish the site to one bucket and distribution',
      assumedBy: new WebIdentityPrincipal(providerArn, {
        StringEquals: {
          [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE,
          [`${GITHUB_OIDC_HOST}:sub`]: subject,
        },
      }),
      // One hour at most; the workflow asks for 15 minutes.
      maxSessionDuration: Duration.hours(1),
      // Exactly what `aws s3 sync --delete` and `aws cloudfront create-invalidation` call, on the
      // one bucket and the one distribution.
      inlinePolicies: {
        'deploy-site': new PolicyDocument({
          statements: [
            new PolicyStatement({
              sid: 'ListSiteBucket',
              actions: ['s3:ListBucket'],
              resources: [`arn:${Aws.PARTITION}:s3:::${siteBucketName.valueAsString}`],
            }),
            // Any key in this one bucket: the site's file names change with every build.
            new PolicyStatement({
              sid: 'WriteSiteObjects',
              actions: ['s3:DeleteObject', 's3:PutObject'],
              resources: [`arn:${Aws.PARTITION}:s3:::${siteBucketName.valueAsString}/*`],
            }),
            new PolicyStatement({
              sid: 'InvalidateSiteCache',
              actions: ['cloudfront:CreateInvalidation'],
              resources: [`arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/${distributionId.valueAsString}`],
            }),
          ],
        }),
      },
    });
    (role.node.defaultChild as CfnRole).permissionsBoundary = Fn.conditionIf(
      hasPermissionsBoundary.logicalId,
      `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:policy/${permissionsBoundaryPolicyName.valueAsString}`,
      Aws.NO_VALUE,
    ).toString();
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::<SiteBucketName>/*]',
      reason:
        'The workflow uploads and deletes the files of each build, whose names change, so object writes need every key; the ARN names the one site bucket.',
    });

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'DeployRoleArn', {
      description: 'ARN of the deploy role; set it as the repository variable AWS_DEPLOY_ROLE_ARN',
      value: role.roleArn,
    });
    // Only when the stack creates the provider; otherwise you passed its ARN in.
    new CfnOutput(this, 'OidcProviderArn', {
      description: 'ARN of the IAM OIDC provider for GitHub Actions that this stack created',
      value: provider.oidcProviderArn,
      condition: createOidcProvider,
    });
  }
}
