/**
 * How one tool is presented to clients: a new name, description or MCP annotations. Used by
 * MCPToolConfig `toolsOverride` and by the vMCP aggregation config (`tools[].overrides`); the
 * annotations block alone also declares the annotations of a composite tool.
 */
import { boolean, describe, object, string } from '../../schema/dsl.ts';

export const toolAnnotationsOverride = object(
  {
    destructiveHint: boolean({ description: 'Whether the tool may destroy or overwrite data.' }),
    idempotentHint: boolean({
      description: 'Whether repeating a call with the same arguments has no further effect.',
    }),
    openWorldHint: boolean({ description: 'Whether the tool reaches systems outside its own domain.' }),
    readOnlyHint: boolean({ description: 'Whether the tool only reads and never changes state.' }),
    title: string({ description: 'Human-readable title shown by clients.' }),
  },
  {
    name: 'ToolAnnotationsOverride',
    description:
      'MCP tool annotations to replace. An absent field keeps the value from the backend; an explicit ' +
      'false or empty string replaces it.',
  },
);

export const toolOverride = object(
  {
    annotations: describe(toolAnnotationsOverride, 'Annotation values to replace.'),
    description: string({ description: 'Description shown to clients instead of the original one.' }),
    name: string({ description: 'Name the tool is exposed under instead of its original name.' }),
  },
  { name: 'ToolOverride', description: 'A new name, description or annotations for one tool.' },
);
