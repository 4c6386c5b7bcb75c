import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationNode, OrganisationTree } from '../api/agencies';

interface VisibleNode {
  node: OrganisationNode;
  level: number;
  position: number;
  setSize: number;
  hasChildren: boolean;
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
const MAX_MATCHES = 50;

/**
 * Picks one node of the organisation tree: a search over names and ids, and a WAI-ARIA tree view
 * (arrow keys move and open, Enter or Space chooses) showing only the branches opened, since the tree
 * has thousands of nodes. `rootIds` limits the choice to those subtrees (the actor's reach).
 */
export function AgencyTreePicker({
  tree,
  value,
  onChange,
  label,
  rootIds,
}: {
  tree: OrganisationTree;
  value: string | null;
  onChange: (id: string) => void;
  label: string;
  rootIds?: readonly string[];
}) {
  const { t } = useTranslation();
  const id = useId();
  const roots = useMemo(
    () => (rootIds ? rootIds.map((rootId) => tree.nodes.get(rootId)).filter((node): node is OrganisationNode => !!node) : tree.roots),
    [tree, rootIds],
  );
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(value ? tree.pathOf(value).slice(0, -1) : roots.map((node) => node.id)));
  const [focused, setFocused] = useState<string | null>(value ?? roots[0]?.id ?? null);
  const [search, setSearch] = useState('');
  const items = useRef(new Map<string, HTMLLIElement>());

  const visible = useMemo(() => {
    const list: VisibleNode[] = [];
    const walk = (siblings: readonly OrganisationNode[], level: number) => {
      siblings.forEach((node, index) => {
        const children = tree.children.get(node.id) ?? [];
        list.push({ node, level, position: index + 1, setSize: siblings.length, hasChildren: children.length > 0 });
        if (expanded.has(node.id)) walk(children, level + 1);
      });
    };
    walk(roots, 1);
    return list;
  }, [tree, roots, expanded]);

  const inReach = useMemo(() => {
    if (!rootIds) return () => true;
    return (nodeId: string) => tree.pathOf(nodeId).some((ancestor) => rootIds.includes(ancestor));
  }, [tree, rootIds]);

  const matches = useMemo(() => {
    const wanted = fold(search.trim());
    if (!wanted) return [];
    const found: OrganisationNode[] = [];
    for (const node of tree.nodes.values()) {
      if ((fold(node.name).includes(wanted) || node.id.toLowerCase().includes(wanted)) && inReach(node.id)) found.push(node);
      if (found.length === MAX_MATCHES) break;
    }
    return found;
  }, [tree, search, inReach]);

  const focus = (nodeId: string) => {
    setFocused(nodeId);
    items.current.get(nodeId)?.focus();
  };
  const toggle = (nodeId: string, open: boolean) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (open) next.add(nodeId);
      else next.delete(nodeId);
      return next;
    });
  const choose = (nodeId: string) => {
    onChange(nodeId);
    setFocused(nodeId);
    setExpanded((current) => new Set([...current, ...tree.pathOf(nodeId).slice(0, -1)]));
    setSearch('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>, item: VisibleNode) => {
    const index = visible.findIndex((entry) => entry.node.id === item.node.id);
    const move = (to: number) => {
      const target = visible[Math.max(0, Math.min(visible.length - 1, to))];
      if (target) focus(target.node.id);
    };
    switch (event.key) {
      case 'ArrowDown':
        move(index + 1);
        break;
      case 'ArrowUp':
        move(index - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(visible.length - 1);
        break;
      case 'ArrowRight':
        if (item.hasChildren && !expanded.has(item.node.id)) toggle(item.node.id, true);
        else if (item.hasChildren) move(index + 1);
        break;
      case 'ArrowLeft':
        if (expanded.has(item.node.id)) toggle(item.node.id, false);
        else if (item.node.parentId && visible.some((entry) => entry.node.id === item.node.parentId)) focus(item.node.parentId);
        break;
      case 'Enter':
      case ' ':
        choose(item.node.id);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div className="tree-picker">
      <label htmlFor={`${id}-search`}>{t('tree.search')}</label>
      <input id={`${id}-search`} type="search" value={search} onChange={(event) => setSearch(event.target.value)} autoComplete="off" />
      {search.trim() !== '' && (
        <ul className="tree-matches" aria-label={t('tree.search')}>
          {matches.length === 0 && <li>{t('tree.noMatch')}</li>}
          {matches.map((node) => (
            <li key={node.id}>
              <button type="button" onClick={() => choose(node.id)}>
                {node.name}
                <span className="muted"> · {tree.pathOf(node.id).slice(0, -1).map(tree.nameOf).join(' › ')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <ul role="tree" aria-label={label} className="tree">
        {visible.map((item) => {
          const isOpen = expanded.has(item.node.id);
          return (
            <li
              key={item.node.id}
              ref={(element) => {
                if (element) items.current.set(item.node.id, element);
                else items.current.delete(item.node.id);
              }}
              role="treeitem"
              aria-level={item.level}
              aria-posinset={item.position}
              aria-setsize={item.setSize}
              aria-expanded={item.hasChildren ? isOpen : undefined}
              aria-selected={value === item.node.id}
              tabIndex={focused === item.node.id ? 0 : -1}
              onKeyDown={(event) => onKeyDown(event, item)}
              onClick={(event) => {
                event.stopPropagation();
                choose(item.node.id);
              }}
              onFocus={() => setFocused(item.node.id)}
              style={{ paddingInlineStart: `${(item.level - 1) * 1.25}rem` }}
            >
              {item.hasChildren ? (
                <span
                  className="tree-toggle"
                  aria-hidden="true"
                  onClick={(event) => {
                    event.stopPropagation();
                    toggle(item.node.id, !isOpen);
                  }}
                >
                  {isOpen ? '▾' : '▸'}
                </span>
              ) : (
                <span className="tree-toggle" aria-hidden="true" />
              )}
              {item.node.name}
            </li>
          );
        })}
      </ul>
      <p className="muted" aria-live="polite">
        {value ? t('tree.selected', { name: tree.nameOf(value) }) : t('tree.choose')}
      </p>
    </div>
  );
}
