// Builds one IAM role per function from `custom.access` in serverless.yml, so each
// function's permissions are declared once, next to the function list, and nothing is
// ever granted on `*`. osls loads this file through `${file(...)}`; it must stay CommonJS.
"use strict";

const TABLE = "TreatyClockTable";

const pascal = (name) => name.charAt(0).toUpperCase() + name.slice(1);

module.exports = async ({ resolveVariable }) => {
  const service = await resolveVariable("self:service");
  const stage = await resolveVariable("sls:stage");
  const access = await resolveVariable("self:custom.access");
  const resources = {};

  for (const [fn, grants] of Object.entries(access)) {
    const statements = [
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: {
          "Fn::Sub": `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/${service}-${stage}-${fn}:*`,
        },
      },
    ];
    if (grants.table && grants.table.length > 0) {
      statements.push({
        Effect: "Allow",
        Action: grants.table.map((a) => `dynamodb:${a}`),
        Resource: { "Fn::GetAtt": [TABLE, "Arn"] },
      });
    }
    for (const [index, actions] of Object.entries(grants.indexes || {})) {
      statements.push({
        Effect: "Allow",
        Action: actions.map((a) => `dynamodb:${a}`),
        Resource: { "Fn::Sub": `\${${TABLE}.Arn}/index/${index}` },
      });
    }
    for (const statement of grants.extra || []) statements.push(statement);

    resources[`${pascal(fn)}Role`] = {
      Type: "AWS::IAM::Role",
      Properties: {
        AssumeRolePolicyDocument: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
        },
        Policies: [
          { PolicyName: `${fn}-least-privilege`, PolicyDocument: { Version: "2012-10-17", Statement: statements } },
        ],
      },
    };
  }
  return resources;
};
