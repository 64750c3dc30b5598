/**
 * Composite tools: a workflow of backend tool calls, user elicitations and forEach loops that the
 * Virtual MCP server offers as one MCP tool. One schema (`CompositeToolConfig` and its
 * `WorkflowStepConfig` steps) serves both `VirtualMCPServer.spec.config.compositeTools[]` and
 * the whole `VirtualMCPCompositeToolDefinition.spec`.
 *
 * Free-form parts (parameter and elicitation JSON Schemas, step arguments, default results,
 * output defaults) keep unknown fields, exactly where ToolHive does, because their content is
 * arbitrary JSON that the vMCP runtime checks when it loads the workflow.
 */

import { array, describe, integer, map, object, preserved, req, string } from '../../schema/dsl.ts';
import type { JSONSchemaProps } from '../../schema/json-schema.ts';
import { duration } from './duration.ts';
import { toolAnnotationsOverride } from './tool-override.ts';

/**
 * A node with no type that keeps any JSON value (`x-kubernetes-preserve-unknown-fields` without
 * `type`): a string, a number, a list or an object are all accepted.
 */
function anyValue(description: string): JSONSchemaProps {
  return { description, 'x-kubernetes-preserve-unknown-fields': true };
}

const elicitationResponseConfig = object(
  {
    action: string({
      default: 'abort',
      enum: ['skip_remaining', 'abort', 'continue'],
      description:
        'abort fails the workflow, skip_remaining ends it successfully without the remaining steps, ' +
        'continue goes on with the next step.',
    }),
  },
  {
    name: 'ElicitationResponseConfig',
    description: 'What to do when the user does not accept an elicitation.',
  },
);

const stepErrorHandling = object(
  {
    action: string({
      default: 'abort',
      enum: ['abort', 'continue', 'retry'],
      description:
        'abort fails the workflow; continue goes on (the step output becomes defaultResults); retry ' +
        'calls the step again, retryCount times at most.',
    }),
    retryCount: integer({ description: 'Most retries with action retry; must then be at least 1.' }),
    retryDelay: duration({ description: 'Pause between retries, e.g. "2s".' }),
  },
  { name: 'StepErrorHandling', description: 'What to do when a step fails.' },
);

export const workflowStepConfig = object(
  {
    arguments: preserved({
      description:
        'Arguments of the tool call. String values are Go templates over .params and .steps ' +
        '(e.g. "{{.params.owner}}", "{{.steps.fetch.output.text}}"); other values are passed as they are.',
    }),
    collection: string({
      description: 'forEach only: Go template yielding the JSON array to iterate over.',
    }),
    condition: string({
      description: 'Go template; the step runs only when it renders to true, and is skipped otherwise.',
    }),
    defaultResults: anyValue(
      'Output used when the step is skipped or fails with onError continue; needed when later steps read ' +
        'the output of a step that may not run.',
    ),
    dependsOn: array(string(), {
      description:
        'IDs of the steps that must finish first. Steps without a dependency between them run in parallel.',
    }),
    id: req(
      string({ description: 'Unique ID of the step, used by dependsOn and in .steps.<id> templates.' }),
    ),
    itemVar: string({
      description:
        'forEach only: name of the current item in templates. Empty means "item"; "index" is reserved.',
    }),
    maxIterations: integer({
      description: 'forEach only: most items processed. Empty means 100; at most 1000.',
    }),
    maxParallel: integer({ description: 'forEach only: most iterations run at once. Empty means 10.' }),
    message: string({ description: 'elicitation only: the question shown to the user (a Go template).' }),
    onCancel: describe(elicitationResponseConfig, 'elicitation only: what to do when the user dismisses it.'),
    onDecline: describe(elicitationResponseConfig, 'elicitation only: what to do when the user declines.'),
    onError: describe(stepErrorHandling, 'What to do when the step fails. Absent means abort.'),
    schema: preserved({
      description: 'elicitation only: JSON Schema of the answer requested from the user.',
    }),
    step: preserved({
      description: 'forEach only: the step run for each item; a tool step with the same fields as this one.',
    }),
    timeout: duration({ description: 'Longest time the step may take, e.g. "30s".' }),
    tool: string({
      description: 'tool only: the backend tool to call, as "<backend>.<tool>" (e.g. "github.create_issue").',
    }),
    type: string({
      default: 'tool',
      enum: ['tool', 'elicitation', 'forEach'],
      description: 'tool calls a backend tool, elicitation asks the user, forEach runs a step for each item.',
    }),
  },
  { name: 'WorkflowStepConfig', description: 'One step of a composite tool workflow.' },
);

const outputProperty = object(
  {
    default: anyValue('Value used when the template cannot be expanded; coerced to type.'),
    description: string({ description: 'Description shown to clients and models.' }),
    properties: preserved({
      description: 'object only: nested output properties with the same fields, instead of value.',
    }),
    type: req(
      string({
        enum: ['string', 'integer', 'number', 'boolean', 'object', 'array'],
        description: 'JSON Schema type of the property.',
      }),
    ),
    value: string({
      description: 'Go template building the value, e.g. "{{.steps.fetch.output.text}}".',
    }),
  },
  { name: 'OutputProperty', description: 'One property of the structured output of a workflow.' },
);

const outputConfig = object(
  {
    properties: req(map(outputProperty, { description: 'Output properties by name.' })),
    required: array(string(), { description: 'Names of the properties always present in the output.' }),
  },
  {
    name: 'OutputConfig',
    description: 'Structured output of a workflow. Absent means the output of the last step.',
  },
);

export const compositeToolConfig = object(
  {
    annotations: describe(
      toolAnnotationsOverride,
      'MCP annotations of the composite tool, merged over those derived from its steps; a hint that makes ' +
        'the tool look safer than its steps drops the tool.',
    ),
    description: string({ description: 'What the tool does, shown to clients and models.' }),
    name: req(string({ description: 'Name of the composite tool; unique within a Virtual MCP server.' })),
    output: describe(outputConfig, 'Structured output. Absent means the output of the last step.'),
    parameters: preserved({
      description:
        'Input parameters as a JSON Schema with type object, e.g. {type: object, properties: {…}}.',
    }),
    steps: req(array(workflowStepConfig, { description: 'The steps of the workflow.' })),
    timeout: duration({ description: 'Longest time the whole workflow may take, e.g. "5m".' }),
  },
  { name: 'CompositeToolConfig', description: 'A workflow the Virtual MCP server offers as one MCP tool.' },
);
