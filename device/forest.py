"""FALLBACK tree-ensemble evaluator, used when emlearn-micropython's `emlearn_trees` is not
installed. Reads the same emlearn CSV (`f,` `c,` `lb,` `l,` `r,` `n,feature,threshold,left,right`)
and gives the same votes: majority voting over class-index leaves, `value < threshold` goes left,
a child >= 0 is a jump relative to the node, a child < 0 is leaf -child-1.
"""
from array import array

import micropython


class Forest:
    """Same surface as an `emlearn_trees` model: `predict(features, out)`, `outputs()`."""
    IMPLEMENTATION = 'forest.py (project fallback evaluator)'

    def __init__(self, n_trees, n_nodes, n_leaves):
        # Per node: feature, left and right in `links` (int8 while every value fits: trees of up
        # to ~128 nodes, 5 bytes a node with the threshold; else widened to int16 on load),
        # the threshold in `thresholds`.
        self.links = array('b', bytes(3 * n_nodes))
        self.thresholds = array('h', bytes(2 * n_nodes))
        self._wide = False
        self.roots = array('h', bytes(2 * n_trees))
        self.leaves = bytearray(n_leaves)
        self.n_nodes = self.n_trees = self.n_leaves = 0
        self.n_features = self.n_classes = 0

    def load(self, f):
        for line in f:
            tok = line.rstrip('\r\n').split(',')
            kind = tok[0]
            if kind == 'n':
                self._add(self.thresholds, self.n_nodes, 'nodes', 1)
                i = self.n_nodes
                # int(float()) truncates as emlearn_trees' loader does: the exporter writes
                # whole-number thresholds so nothing is lost.
                self.thresholds[i] = int(float(tok[2]))
                for k in range(3):
                    v = int(tok[(1, 3, 4)[k]])
                    if not (-128 <= v <= 127 or self._wide):
                        self.links = array('h', self.links)
                        self._wide = True
                    self.links[3 * i + k] = v
                self.n_nodes += 1
            elif kind == 'r':
                self._add(self.roots, self.n_trees, 'trees', 1)
                self.roots[self.n_trees] = int(tok[1])
                self.n_trees += 1
            elif kind == 'l':
                self._add(self.leaves, self.n_leaves, 'leaves', 1)
                self.leaves[self.n_leaves] = int(tok[1])
                self.n_leaves += 1
            elif kind == 'f':
                self.n_features = int(tok[1])
            elif kind == 'c':
                self.n_classes = int(tok[1])
            elif kind == 'lb' and int(tok[1]) != 0:
                raise ValueError('only majority-vote leaves (lb,0) are supported')
        if not (self.n_trees and self.n_classes and self.n_features):
            raise ValueError('trees file holds no model')
        if (self.n_trees, self.n_leaves) != (len(self.roots), len(self.leaves)):
            raise ValueError('trees file has fewer trees or leaves than the model declares')
        for i in range(self.n_nodes):
            if not 0 <= self.links[3 * i] < self.n_features:
                raise ValueError('node %d: feature index out of range' % i)

    @staticmethod
    def _add(buf, count, what, width):
        if (count + 1) * width > len(buf):
            raise ValueError('trees file has more %s than the model declares' % what)

    def outputs(self):
        return self.n_classes

    @micropython.native
    def predict(self, features, out):
        if len(features) != self.n_features or len(out) != self.n_classes:
            raise ValueError('expected %d features and %d outputs' % (
                self.n_features, self.n_classes))
        links = self.links
        thresholds = self.thresholds
        votes = [0] * self.n_classes
        for root in self.roots:
            i = root
            while i >= 0:
                j = 3 * i
                child = links[j + 1] if features[links[j]] < thresholds[i] else links[j + 2]
                i = i + child if child >= 0 else child
            votes[self.leaves[-i - 1]] += 1
        n = self.n_trees
        for c in range(self.n_classes):
            out[c] = votes[c] / n


def new(n_trees, n_nodes, n_leaves):
    return Forest(n_trees, n_nodes, n_leaves)


def load_model(model, f):
    model.load(f)
