/**
 * The drawing of an object's reference graph with Cytoscape.js: the root in the middle, each ring
 * one reference further; arrows point from the referring object to the referenced one and carry
 * the reference kind. Clicking (or tapping) an object opens it; the wheel zooms, dragging pans.
 *
 * This module pulls in cytoscape (its own chunk): load it with React.lazy, on the Graph tab only.
 */
import cytoscape from 'cytoscape';
import type { Core, ElementDefinition, StylesheetJson } from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import type { CmdbGraph } from '../api/types';

export interface GraphCanvasProps {
  graph: CmdbGraph;
  /** An object was clicked */
  onOpen: (key: string) => void;
  /** Accessible name of the drawing */
  label: string;
  /** The colour of an object type's nodes (the legend's) */
  colourOf: (typeName: string) => string;
  className?: string | undefined;
}

export function graphElements(graph: CmdbGraph, colourOf: (typeName: string) => string): ElementDefinition[] {
  const keys = new Set(graph.nodes.map((n) => n.key));
  return [
    ...graph.nodes.map((n) => ({
      group: 'nodes' as const,
      data: {
        id: n.key,
        label: `${n.label}\n${n.key}`,
        depth: n.depth,
        colour: colourOf(n.objectType),
      },
      classes: n.key === graph.root ? 'root' : undefined,
    })),
    ...graph.edges
      .filter((e) => keys.has(e.from) && keys.has(e.to))
      .map((e) => ({
        group: 'edges' as const,
        data: {
          id: `${e.from}>${e.to}>${e.attribute}`,
          source: e.from,
          target: e.to,
          label: e.referenceKind ?? e.attribute,
        },
      })),
  ];
}

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(label)',
      'text-wrap': 'wrap',
      'text-max-width': '140px',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'font-size': 10,
      'font-family': 'system-ui, sans-serif',
      color: '#212529',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': '1px',
      width: 26,
      height: 26,
      'border-width': 2,
      'border-color': '#ffffff',
    },
  },
  {
    selector: 'node.root',
    style: { width: 40, height: 40, 'border-color': '#1c7ed6', 'border-width': 4, 'font-weight': 'bold' },
  },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#adb5bd',
      'target-arrow-color': '#adb5bd',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
    },
  },
  {
    // Reference kinds: on every edge of small graphs, else on those of the object under the pointer.
    selector: 'edge.labelled',
    style: {
      label: 'data(label)',
      'font-size': 8,
      color: '#495057',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
    },
  },
  {
    selector: 'edge.near',
    style: { 'line-color': '#1c7ed6', 'target-arrow-color': '#1c7ed6', width: 2.5 },
  },
];

const LABEL_ALL_EDGES_UP_TO = 12;

export function GraphCanvas({ graph, onOpen, label, colourOf, className }: GraphCanvasProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    let cy: Core;
    try {
      const maxDepth = Math.max(1, ...graph.nodes.map((n) => n.depth));
      cy = cytoscape({
        container: host,
        elements: graphElements(graph, colourOf),
        style: STYLE,
        layout: {
          // The root in the middle, each further reference on a wider ring.
          name: 'concentric',
          concentric: (node) => maxDepth - Number(node.data('depth')),
          levelWidth: () => 1,
          minNodeSpacing: 48,
          avoidOverlap: true,
          animate: false,
          fit: true,
          padding: 24,
        },
        minZoom: 0.2,
        maxZoom: 3,
        wheelSensitivity: 0.3,
      });
    } catch {
      setFailed(true);
      return undefined;
    }
    cy.on('tap', 'node', (event) => onOpenRef.current(String(event.target.id())));
    if (cy.edges().length <= LABEL_ALL_EDGES_UP_TO) cy.edges().addClass('labelled');
    cy.on('mouseover', 'node', (event) => {
      host.style.setProperty('cursor', 'pointer');
      event.target.connectedEdges().addClass('near labelled');
    });
    cy.on('mouseout', 'node', (event) => {
      host.style.removeProperty('cursor');
      const edges = event.target.connectedEdges().removeClass('near');
      if (cy.edges().length > LABEL_ALL_EDGES_UP_TO) edges.removeClass('labelled');
    });
    // Tells tests and tools what was drawn.
    host.dataset.nodes = cy
      .nodes()
      .map((n) => n.id())
      .join(' ');
    const resize = new ResizeObserver(() => cy.resize());
    resize.observe(host);
    return () => {
      resize.disconnect();
      cy.destroy();
    };
  }, [graph, colourOf]);

  if (failed) {
    return (
      <div className={className} role="note">
        <p style={{ padding: 16 }}>This browser cannot draw the graph; the list below has every object.</p>
      </div>
    );
  }
  return <div ref={hostRef} className={className} role="img" aria-label={label} data-testid="object-graph" />;
}
