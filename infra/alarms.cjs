// CloudWatch alarms: one on each function's errors, and one on reminder deliveries that
// failed (the ReminderDeliveryFailures metric send-reminders logs in Embedded Metric
// Format). All notify the AlarmTopic SNS topic; subscribe an address or a chat bridge to it.
"use strict";

const pascal = (name) => name.charAt(0).toUpperCase() + name.slice(1);

module.exports = async ({ resolveVariable }) => {
  const service = await resolveVariable("self:service");
  const stage = await resolveVariable("sls:stage");
  const access = await resolveVariable("self:custom.access");
  const resources = {
    AlarmTopic: {
      Type: "AWS::SNS::Topic",
      Properties: { TopicName: `${service}-${stage}-alarms`, DisplayName: `treaty-clock ${stage} alarms` },
    },
    ReminderDeliveryFailuresAlarm: {
      Type: "AWS::CloudWatch::Alarm",
      Properties: {
        AlarmName: `${service}-${stage}-reminder-delivery-failures`,
        AlarmDescription: "A reminder could not be delivered to a newsroom after every retry of a run.",
        Namespace: "TreatyClock",
        MetricName: "ReminderDeliveryFailures",
        Dimensions: [{ Name: "Stage", Value: stage }],
        Statistic: "Sum",
        Period: 3600,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: "GreaterThanThreshold",
        TreatMissingData: "notBreaching",
        AlarmActions: [{ Ref: "AlarmTopic" }],
      },
    },
  };
  for (const fn of Object.keys(access)) {
    resources[`${pascal(fn)}ErrorsAlarm`] = {
      Type: "AWS::CloudWatch::Alarm",
      Properties: {
        AlarmName: `${service}-${stage}-${fn}-errors`,
        AlarmDescription: `${fn} failed (an unhandled error or a timeout).`,
        Namespace: "AWS/Lambda",
        MetricName: "Errors",
        Dimensions: [{ Name: "FunctionName", Value: `${service}-${stage}-${fn}` }],
        Statistic: "Sum",
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: "GreaterThanThreshold",
        TreatMissingData: "notBreaching",
        AlarmActions: [{ Ref: "AlarmTopic" }],
      },
    };
  }
  return resources;
};
