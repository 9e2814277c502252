#!/usr/bin/env bash
# cost-estimate.sh: this month's AWS cost so far and the forecast to its end, by service (Cost Explorer).
# Read-only: it makes only get calls. Part of AWS Patterns; run with --help.
set -euo pipefail

usage() {
	cat <<EOF
Usage: $PROG [--region R] [--profile P] [--output table|json] [--top N]

Shows, from AWS Cost Explorer (unblended cost, in the billing currency):
  month to date            cost from the first of the month through yesterday (UTC), by service
                           (aws ce get-cost-and-usage)
  forecast rest of month   Cost Explorer's forecast from today to the end of the month, in total
                           and for the N services that cost most so far (aws ce get-cost-forecast)
  month-end estimate       month to date plus the forecast

Read-only: the script only calls get-* operations (plus sts get-caller-identity). It
never creates, changes or deletes anything. It needs ce:GetCostAndUsage and
ce:GetCostForecast, and Cost Explorer enabled for the account.
Cost Explorer charges USD 0.01 for each API request, and a run makes 2 + N requests
(price checked 2026-11-25 at https://aws.amazon.com/aws-cost-management/aws-cost-explorer/pricing/).

Options:
  --region R            only costs recorded in region R (a Cost Explorer REGION filter;
                        default: all regions, and global services)
  --profile P           use the AWS CLI profile P (default: AWS_PROFILE or the default profile)
  --output table|json   table for people (default), json for programs
  --top N               forecast the N costliest services one by one (default 10; 0 for the total only)
  -h, --help            show this help

Exit codes:
  0  the estimate was made (this script reports no findings, so it never exits with 1)
  2  usage error (unknown option, missing or bad value)
  3  no usable credentials, or a call was denied (AccessDenied): the report is incomplete
  4  the AWS CLI (aws) is not installed
  5  another AWS error (network, throttling): the report is incomplete

Environment: COST_ESTIMATE_TODAY=YYYY-MM-DD makes the script take that date as today
(for tests; Cost Explorer refuses forecasts that start in the past).
Needs the AWS CLI (v2 or v1) and a POSIX shell toolset (awk, sort, tr); not jq.
Example: $PROG --top 5 --output json
EOF
}

# What record_failure asks for when a call is denied.
READ_PERMISSIONS='the IAM permissions ce:GetCostAndUsage and ce:GetCostForecast'

# ---- common helpers: identical in resource-audit.sh, security-check.sh and cost-estimate.sh ----
readonly EXIT_OK=0 EXIT_FINDINGS=1 EXIT_USAGE=2 EXIT_AUTH=3 EXIT_NO_CLI=4 EXIT_AWS_ERROR=5
PROG=${0##*/}
TOOL=${PROG%.sh}
REGION='' PROFILE='' OUTPUT=table
HOME_REGION='' ACCOUNT='' TMP='' AWS_OUT='' AWS_ERR=''
DENIED=0 FAILED=0
AWS=(aws)

die_usage() {
	printf '%s: %s\nRun %s --help for usage.\n' "$PROG" "$1" "$PROG" >&2
	exit "$EXIT_USAGE"
}

# need_value OPTION ARGUMENTS_LEFT VALUE: OPTION must be followed by a value.
need_value() {
	if [[ $2 -lt 2 || -z $3 || $3 == -* ]]; then die_usage "$1 needs a value"; fi
}

validate_common_options() {
	local region_re='^[a-z]{2}(-[a-z]+)+-[0-9]+$'
	case $OUTPUT in
	table | json) ;;
	*) die_usage "--output must be table or json, not '$OUTPUT'" ;;
	esac
	if [[ -n $REGION && ! $REGION =~ $region_re ]]; then
		die_usage "--region '$REGION' is not a region name such as us-east-1"
	fi
}

# start_aws: check that the AWS CLI is there and prepare the calls.
start_aws() {
	if ! command -v aws >/dev/null 2>&1; then
		printf '%s: the AWS CLI (aws) is not installed or not on PATH.\n' "$PROG" >&2
		printf '  Install AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html\n' >&2
		exit "$EXIT_NO_CLI"
	fi
	if [[ -n $PROFILE ]]; then AWS+=(--profile "$PROFILE"); fi
	export AWS_PAGER='' # AWS CLI v2 would otherwise page long output through less
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/$TOOL.XXXXXX")
	trap 'rm -rf "$TMP"' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	: >"$TMP/errors"
}

# aws_call SERVICE OPERATION [ARGUMENTS...]: one read-only AWS CLI call with text output.
# Sets AWS_OUT (what it printed) and AWS_ERR (its error message, on one line); returns its exit code.
aws_call() {
	local rc=0
	"${AWS[@]}" "$@" --output text </dev/null >"$TMP/out" 2>"$TMP/err" || rc=$?
	AWS_OUT=$(<"$TMP/out")
	AWS_ERR=$(tr -s '[:space:]' ' ' <"$TMP/err")
	AWS_ERR=${AWS_ERR# }
	AWS_ERR=${AWS_ERR% }
	return "$rc"
}

# output_rows: AWS_OUT's rows, without blank lines and the None the CLI prints for a missing list.
output_rows() {
	printf '%s\n' "$AWS_OUT" | awk 'NF && $1 != "None"'
}

# record_failure CHECK [REGION]: the last call failed; classify it, remember it, and say so.
record_failure() {
	local check=$1 region=${2:-global} kind hint
	case $AWS_ERR in
	*AccessDenied* | *UnauthorizedOperation* | *UnauthorizedAccess* | *AuthorizationError* | *"not authorized"* | *Forbidden*)
		kind=denied DENIED=$((DENIED + 1))
		hint="permission denied, so this part is missing: grant $READ_PERMISSIONS and run again"
		;;
	*ExpiredToken* | *InvalidClientTokenId* | *"Unable to locate credentials"* | *SignatureDoesNotMatch* | *AuthFailure* | *RequestExpired*)
		kind=credentials DENIED=$((DENIED + 1))
		hint='the credentials were refused, so this part is missing: refresh them (aws sso login, aws configure) and run again'
		;;
	*)
		kind=error FAILED=$((FAILED + 1))
		hint='this call failed, so this part is missing'
		;;
	esac
	printf '%s\t%s\t%s\t%s\n' "$check" "$region" "$kind" "$AWS_ERR" >>"$TMP/errors"
	printf '%s: %s (%s): %s\n  %s\n' "$PROG" "$check" "$region" "${AWS_ERR:-no message}" "$hint" >&2
}

# resolve_home_region: the region for account-wide calls: --region, AWS_REGION,
# AWS_DEFAULT_REGION, the profile's region, or else us-east-1.
resolve_home_region() {
	HOME_REGION=${REGION:-${AWS_REGION:-${AWS_DEFAULT_REGION:-}}}
	if [[ -z $HOME_REGION ]] && aws_call configure get region; then HOME_REGION=$AWS_OUT; fi
	HOME_REGION=${HOME_REGION:-us-east-1}
}

# check_credentials: sets ACCOUNT, or stops with exit code 3 when there are no usable credentials.
check_credentials() {
	local kind=credentials message
	if aws_call sts get-caller-identity --region "$HOME_REGION" --query Account; then
		ACCOUNT=$AWS_OUT
		return 0
	fi
	case $AWS_ERR in
	*"Could not connect"* | *"Connect timeout"* | *"Read timeout"*)
		kind=error
		message="cannot reach AWS: aws sts get-caller-identity failed: ${AWS_ERR:-no message}"
		;;
	*)
		message="no usable AWS credentials${PROFILE:+ for profile $PROFILE}: aws sts get-caller-identity failed: ${AWS_ERR:-no message}"
		;;
	esac
	printf '%s: %s\n' "$PROG" "$message" >&2
	if [[ $kind == credentials ]]; then
		printf '  Configure credentials (aws configure, aws configure sso and aws sso login, or the variables\n' >&2
		printf '  AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), choose a profile with --profile or AWS_PROFILE, and run again.\n' >&2
	fi
	if [[ $OUTPUT == json ]]; then
		printf '{"tool":%s,"error":{"kind":%s,"message":%s},"exitCode":%s}\n' "$(json_string "$TOOL")" \
			"$(json_string "$kind")" "$(json_string "$message")" "$([[ $kind == credentials ]] && echo "$EXIT_AUTH" || echo "$EXIT_AWS_ERROR")"
	fi
	if [[ $kind == credentials ]]; then exit "$EXIT_AUTH"; fi
	exit "$EXIT_AWS_ERROR"
}

# days_to_date DAYS: the date (YYYY-MM-DD) DAYS days after 1970-01-01, without GNU or BSD date options.
days_to_date() {
	local z=$(($1 + 719468)) era doe yoe y doy mp d m
	era=$(((z >= 0 ? z : z - 146096) / 146097))
	doe=$((z - era * 146097))
	yoe=$(((doe - doe / 1460 + doe / 36524 - doe / 146096) / 365))
	y=$((yoe + era * 400))
	doy=$((doe - (365 * yoe + yoe / 4 - yoe / 100)))
	mp=$(((5 * doy + 2) / 153))
	d=$((doy - (153 * mp + 2) / 5 + 1))
	m=$((mp < 10 ? mp + 3 : mp - 9))
	y=$((m <= 2 ? y + 1 : y))
	printf '%04d-%02d-%02d\n' "$y" "$m" "$d"
}

# exit_status FINDINGS: the code the run ends with. Denied beats other errors, which beat findings.
exit_status() {
	if ((DENIED > 0)); then
		echo "$EXIT_AUTH"
	elif ((FAILED > 0)); then
		echo "$EXIT_AWS_ERROR"
	elif (($1 > 0)); then
		echo "$EXIT_FINDINGS"
	else
		echo "$EXIT_OK"
	fi
}

# table_print COLUMNS: standard input is tab-separated rows, a header first; prints aligned columns,
# "-" for the CLI's None. COLUMNS (numbers, comma-separated, or - for none) are aligned right.
table_print() {
	awk -F '\t' -v right="$1" '
		BEGIN { split(right, r, ","); for (i in r) alignright[r[i]] = 1 }
		{ for (i = 1; i <= NF; i++) { v = ($i == "None" || $i == "") ? "-" : $i; cell[NR, i] = v; if (length(v) > w[i]) w[i] = length(v) }
		  if (NF > nf) nf = NF; n = NR }
		END { for (row = 1; row <= n; row++) { line = "  "
		        for (i = 1; i <= nf; i++) line = line sprintf("%" (i in alignright ? "" : "-") w[i] "s  ", cell[row, i])
		        sub(/ +$/, "", line); print line } }'
}

# json_string VALUE: VALUE as a JSON string.
json_string() {
	local s=$1
	s=${s//\\/\\\\}
	s=${s//\"/\\\"}
	s=${s//$'\t'/\\t}
	s=${s//$'\r'/\\r}
	s=${s//$'\n'/\\n}
	printf '"%s"' "$s"
}

# json_records FIELDS: tab-separated rows on standard input as a JSON array of objects.
# FIELDS names the columns, comma-separated; NAME:n marks a number; the CLI's None becomes null.
# FIELDS - makes an array of strings instead, one a line.
json_records() {
	awk -F '\t' -v spec="$1" '
		function str(s,   out, i, c) {
			out = ""
			for (i = 1; i <= length(s); i++) {
				c = substr(s, i, 1)
				if (c == "\\") c = "\\\\"; else if (c == "\"") c = "\\\""; else if (c == "\r") c = "\\r"
				out = out c
			}
			return "\"" out "\""
		}
		BEGIN { n = split(spec, f, ","); printf "[" }
		spec == "-" { printf "%s%s", (NR > 1 ? "," : ""), str($0); next }
		{ printf "%s{", (NR > 1 ? "," : "")
		  for (i = 1; i <= n; i++) {
			name = f[i]; number = sub(/:n$/, "", name); v = $i
			if (v == "None") out = "null"
			else if (number && v ~ /^-?[0-9]+(\.[0-9]+)?$/) out = v
			else out = str(v)
			printf "%s\"%s\":%s", (i > 1 ? "," : ""), name, out
		  }
		  printf "}" }
		END { printf "]" }'
}

# ---- end of common helpers ----

# ---- options ----
TOP=10
while (($# > 0)); do
	case $1 in
	-h | --help)
		usage
		exit "$EXIT_OK"
		;;
	--region | --profile | --output | --top)
		need_value "$1" "$#" "${2-}"
		case $1 in
		--region) REGION=$2 ;;
		--profile) PROFILE=$2 ;;
		--output) OUTPUT=$2 ;;
		--top) TOP=$2 ;;
		esac
		shift 2
		;;
	--region=* | --profile=* | --output=* | --top=*)
		set -- "${1%%=*}" "${1#*=}" "${@:2}"
		;;
	*) die_usage "unknown argument '$1'" ;;
	esac
done
validate_common_options
if [[ ! $TOP =~ ^[0-9]+$ ]]; then die_usage "--top must be a whole number, not '$TOP'"; fi
TODAY=${COST_ESTIMATE_TODAY:-$(date -u +%Y-%m-%d)}
if [[ ! $TODAY =~ ^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$ ]]; then
	die_usage "COST_ESTIMATE_TODAY must be a date such as 2026-05-17, not '$TODAY'"
fi

# ---- the period ----
# date_to_days YYYY-MM-DD: the number of days from 1970-01-01 to that date.
date_to_days() {
	local y=$((10#${1:0:4})) m=$((10#${1:5:2})) d=$((10#${1:8:2})) era yoe doy doe
	y=$((m <= 2 ? y - 1 : y))
	era=$(((y >= 0 ? y : y - 399) / 400))
	yoe=$((y - era * 400))
	doy=$(((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1))
	doe=$((yoe * 365 + yoe / 4 - yoe / 100 + doy))
	echo $((era * 146097 + doe - 719468))
}

YEAR=$((10#${TODAY:0:4}))
MONTH=$((10#${TODAY:5:2}))
DAY=$((10#${TODAY:8:2}))
MONTH_START=$(printf '%04d-%02d-01' "$YEAR" "$MONTH")
if ((MONTH == 12)); then
	NEXT_MONTH=$(printf '%04d-01-01' $((YEAR + 1)))
else
	NEXT_MONTH=$(printf '%04d-%02d-01' "$YEAR" $((MONTH + 1)))
fi
readonly CE_REGION=us-east-1 # Cost Explorer has one endpoint, in us-east-1

# dimension KEY VALUE: a Cost Explorer filter on one dimension.
dimension() {
	printf '{"Dimensions":{"Key":"%s","Values":[%s]}}' "$1" "$(json_string "$2")"
}

# ce_call OPERATION FILTER [ARGUMENTS...]: a Cost Explorer call, filtered when FILTER is not empty.
ce_call() {
	local operation=$1 filter=$2
	shift 2
	if [[ -n $filter ]]; then
		aws_call ce "$operation" --region "$CE_REGION" --filter "$filter" "$@"
	else
		aws_call ce "$operation" --region "$CE_REGION" "$@"
	fi
}

# no_forecast: the failed forecast call means "not enough data", which is no error.
no_forecast() {
	[[ $AWS_ERR == *DataUnavailableException* || $AWS_ERR == *"historical data"* ]]
}

# forecast FILTER: sets FORECAST to the rest-of-month forecast amount; fails as the call did.
forecast() {
	FORECAST=None
	if ! ce_call get-cost-forecast "$1" --time-period "Start=$TODAY,End=$NEXT_MONTH" \
		--metric UNBLENDED_COST --granularity MONTHLY --query 'Total.[Amount,Unit]'; then
		return 1
	fi
	FORECAST=$(output_rows | awk 'NF { print $1; exit }')
	FORECAST=${FORECAST:-None}
}

start_aws
resolve_home_region
check_credentials
REGION_FILTER=''
if [[ -n $REGION ]]; then REGION_FILTER=$(dimension REGION "$REGION"); fi
: >"$TMP/services"
UNIT=''

# Month to date: AMOUNT, UNIT, SERVICE rows, costliest first.
if ((DAY > 1)); then
	if ce_call get-cost-and-usage "$REGION_FILTER" --time-period "Start=$MONTH_START,End=$TODAY" \
		--granularity MONTHLY --metrics UnblendedCost --group-by Type=DIMENSION,Key=SERVICE \
		--query 'ResultsByTime[].Groups[].[Metrics.UnblendedCost.Amount,Metrics.UnblendedCost.Unit,Keys[0]]'; then
		output_rows | sort -t $'\t' -k1,1nr >"$TMP/services"
		UNIT=$(awk -F '\t' 'NR == 1 { print $2 }' "$TMP/services")
	else
		record_failure month-to-date "$CE_REGION"
	fi
fi

# Forecast for the rest of the month: in total, then for the top services.
TOTAL_FORECAST=None
FORECAST_NOTE=''
if forecast "$REGION_FILTER"; then
	TOTAL_FORECAST=$FORECAST
	UNIT=${UNIT:-$(output_rows | awk 'NF { print $2; exit }')}
elif no_forecast; then
	FORECAST_NOTE="Cost Explorer has no forecast: $AWS_ERR"
else
	record_failure forecast "$CE_REGION"
fi
: >"$TMP/rows"
rank=0
while IFS=$'\t' read -r amount unit service; do
	if [[ -z $service ]]; then continue; fi
	rank=$((rank + 1))
	service_forecast=None
	if ((rank <= TOP)) && awk -v a="$amount" 'BEGIN { exit !(a >= 0.01) }'; then
		filter=$(dimension SERVICE "$service")
		if [[ -n $REGION_FILTER ]]; then filter="{\"And\":[$filter,$REGION_FILTER]}"; fi
		if forecast "$filter"; then
			service_forecast=$FORECAST
		elif ! no_forecast; then
			record_failure forecast "$CE_REGION"
		fi
	fi
	printf '%s\t%s\t%s\t%s\n' "$service" "$amount" "$service_forecast" "$unit" >>"$TMP/rows"
done <"$TMP/services"
UNIT=${UNIT:-USD}

# SERVICE, MONTH TO DATE, FORECAST REST, MONTH-END ESTIMATE rows, rounded to cents; then the total.
awk -F '\t' -v total_forecast="$TOTAL_FORECAST" '
	function money(x) { return sprintf("%.2f", x) }
	{ mtd += $2
	  print $1 "\t" money($2) "\t" ($3 == "None" ? "None" : money($3)) "\t" ($3 == "None" ? "None" : money($2 + $3)) }
	END { print "TOTAL\t" money(mtd) "\t" (total_forecast == "None" ? "None" : money(total_forecast)) "\t" \
	        (total_forecast == "None" ? "None" : money(mtd + total_forecast)) }' "$TMP/rows" >"$TMP/table"
STATUS=$(exit_status 0)
count() { awk 'NF { n++ } END { print n + 0 }' "$TMP/$1"; }
ERRORS=$(count errors)
LAST_DAY=$(days_to_date $(($(date_to_days "$NEXT_MONTH") - 1)))

if [[ $OUTPUT == json ]]; then
	printf '{"tool":"cost-estimate","account":%s,"region":%s,"currency":%s,"metric":"UnblendedCost",' \
		"$(json_string "$ACCOUNT")" "$(if [[ -n $REGION ]]; then json_string "$REGION"; else echo null; fi)" "$(json_string "$UNIT")"
	printf '"period":{"monthStart":"%s","today":"%s","monthEnd":"%s"},' "$MONTH_START" "$TODAY" "$LAST_DAY"
	printf '"total":%s,' "$(awk -F '\t' '$1 == "TOTAL"' "$TMP/table" | cut -f 2- |
		json_records monthToDate:n,forecastRestOfMonth:n,monthEndEstimate:n | sed 's/^\[//; s/\]$//')"
	printf '"services":%s,' "$(awk -F '\t' '$1 != "TOTAL"' "$TMP/table" |
		json_records service,monthToDate:n,forecastRestOfMonth:n,monthEndEstimate:n)"
	printf '"note":%s,"errors":%s,"complete":%s,"exitCode":%s}\n' \
		"$(if [[ -n $FORECAST_NOTE ]]; then json_string "$FORECAST_NOTE"; else echo null; fi)" \
		"$(json_records check,region,kind,message <"$TMP/errors")" \
		"$([[ $ERRORS -eq 0 ]] && echo true || echo false)" "$STATUS"
else
	printf 'AWS cost estimate (read-only), account %s\n' "$ACCOUNT"
	if ((DAY > 1)); then
		printf 'Month to date: %s to %s (UTC, through yesterday). ' "$MONTH_START" \
			"$(days_to_date $(($(date_to_days "$TODAY") - 1)))"
	else
		printf 'The month began today: no cost recorded yet. '
	fi
	printf 'Forecast: %s to %s.\n' "$TODAY" "$LAST_DAY"
	printf 'Unblended cost in %s%s.\n\n' "$UNIT" "${REGION:+, region $REGION only}"
	{
		printf 'SERVICE\tMONTH TO DATE\tFORECAST REST\tMONTH-END ESTIMATE\n'
		cat "$TMP/table"
	} | table_print 2,3,4
	if [[ -n $FORECAST_NOTE ]]; then printf '\n%s\n' "$FORECAST_NOTE"; fi
	if awk -F '\t' '$3 == "None" { found = 1 } END { exit !found }' "$TMP/table"; then
		printf '\n- : no forecast (outside the top %s by cost, under 0.01 so far, not enough history, or a failed call)\n' "$TOP"
	fi
	if ((ERRORS > 0)); then
		printf 'Incomplete: %s call(s) failed (see the messages on standard error).\n' "$ERRORS"
	fi
fi
exit "$STATUS"
