import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the operation asks, below the field being resolved, for the field at `path` (field
 * names, one per level), fragments included. Directives are not evaluated: a field behind
 * `@skip` counts as asked for, so a caller at worst loads something it then does not show.
 */
export function selectsPath(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): boolean {
  const within = (selectionSet: SelectionSetNode | undefined, depth: number): boolean =>
    selectionSet !== undefined &&
    selectionSet.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) {
        return selection.name.value === path[depth] && (depth === path.length - 1 || within(selection.selectionSet, depth + 1));
      }
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
      return within(fragment?.selectionSet, depth);
    });
  return info.fieldNodes.some((node) => within(node.selectionSet, 0));
}
