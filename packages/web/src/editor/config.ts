import { GAVEL_NODES } from '@gavel/shared/editor/nodes';

/**
 * The Lexical configuration of an editor bound to a shared text: the content
 * comes from the Yjs document, never from here, and the editor starts
 * read-only until the server says it may write.
 */
export function collaborativeEditorConfig(docName: string, what: string) {
  return {
    namespace: `gavel-${docName}`,
    nodes: GAVEL_NODES,
    editorState: null,
    editable: false,
    theme: { paragraph: 'draft-p', heading: { h2: 'draft-h2', h3: 'draft-h3' }, list: { ol: 'draft-ol', listitem: 'draft-li' } },
    onError: (error: Error) => console.error(`[gavel] ${what}`, error),
  };
}
