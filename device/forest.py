"""FALLBACK tree-ensemble evaluator, used when emlearn-micropython's `emlearn_trees` is not
installed. Reads the same emlearn CSV (`f,` `c,` `lb,` `l,` `r,` `n,feature,threshold,left,right`)
and gives the same votes: majority voting over class-index leaves, `value < threshold` goes left,
a child >= 0 is a jump relative to the node, a child < 0 is leaf -child-1.

A forest is one packed buffer (layout below). `load_model` parses the CSV into one in the heap;
`mapped` takes one where it lies: the image build writes a packed copy (`PACKED`) beside the CSV
in the ROM partition, and `memoryview()` of a ROM file reads flash, so the trees take no heap.
"""
import struct
import sys
from array import array

import micropython

if sys.implementation.name != 'micropython':
    ptr8 = ptr16 = None   # viper's pointer types: the annotations need names in CPython

# Packed forest: a header, int16 roots, uint8 leaves, then per node: feature (uint8), threshold
# (int16), left and right (int8; int16 for all nodes when a jump does not fit a byte: `wide`).
# Little-endian, read a byte at a time, so a ROM file needs no alignment on any board.
MAGIC = b'EMLF'
VERSION = 1
HEADER = '<4sBBBBHHHH'      # magic, version, wide, features, classes, trees, nodes, leaves, 0
HEADER_SIZE = 16
PACKED = 'trees.bin'


@micropython.viper
def _vote(buf: ptr8, at: ptr16, x: ptr16, votes: ptr8):
    # at: trees, offset of the roots, of the leaves, of the nodes, wide
    wide = int(at[4])
    size = 5 + 2 * wide
    roots = int(at[1])
    for t in range(int(at[0])):
        i = ((buf[roots + 2 * t] | (buf[roots + 2 * t + 1] << 8)) ^ 0x8000) - 0x8000
        while i >= 0:
            p = int(at[3]) + i * size
            th = ((buf[p + 1] | (buf[p + 2] << 8)) ^ 0x8000) - 0x8000
            v = ((x[buf[p]] + 0x8000) & 0xffff) - 0x8000   # viper reads ptr16 unsigned
            q = p + 3 if v < th else p + 4 + wide
            if wide:
                child = ((buf[q] | (buf[q + 1] << 8)) ^ 0x8000) - 0x8000
            else:
                child = (buf[q] ^ 0x80) - 0x80
            i = i + child if child >= 0 else child
        k = buf[int(at[2]) - i - 1]
        votes[k] = votes[k] + 1


class Forest:
    """Same surface as an `emlearn_trees` model: `predict(features, out)`, `outputs()`.
    `Forest(n_trees, n_nodes, n_leaves)` is empty, with room for what a CSV declares."""
    IMPLEMENTATION = 'forest.py (project fallback evaluator)'

    def __init__(self, n_trees, n_nodes, n_leaves, buf=None):
        self.n_trees, self.n_nodes, self.n_leaves = n_trees, n_nodes, n_leaves
        self.n_features = self.n_classes = self.wide = 0
        self.buf = buf or bytearray(self._offsets(0)[1] + 5 * n_nodes)
        self._votes = bytearray(0)

    def _offsets(self, wide):
        leaves = HEADER_SIZE + 2 * self.n_trees
        return leaves, leaves + self.n_leaves, 5 + 2 * wide

    def load(self, lines):
        """Parses CSV lines into the buffer (nodes, trees and leaves as declared, at most)."""
        n = [0, 0, 0]   # nodes, trees, leaves so far
        for line in lines:
            tok = line.rstrip('\r\n').split(',')
            kind = tok[0]
            if kind == 'n':
                self._node(n[0], int(tok[1]), int(float(tok[2])), int(tok[3]), int(tok[4]))
                n[0] += 1
            elif kind == 'r':
                self._check(n[1], self.n_trees, 'trees')
                struct.pack_into('<h', self.buf, HEADER_SIZE + 2 * n[1], int(tok[1]))
                n[1] += 1
            elif kind == 'l':
                self._check(n[2], self.n_leaves, 'leaves')
                self.buf[self._offsets(0)[0] + n[2]] = int(tok[1])
                n[2] += 1
            elif kind == 'f':
                self.n_features = int(tok[1])
            elif kind == 'c':
                self.n_classes = int(tok[1])
            elif kind == 'lb' and int(tok[1]) != 0:
                raise ValueError('only majority-vote leaves (lb,0) are supported')
        if not (n[1] and self.n_classes and self.n_features):
            raise ValueError('trees file holds no model')
        if (n[1], n[2]) != (self.n_trees, self.n_leaves):
            raise ValueError('trees file has fewer trees or leaves than the model declares')
        self.n_nodes = n[0]
        struct.pack_into(HEADER, self.buf, 0, MAGIC, VERSION, self.wide, self.n_features,
                         self.n_classes, self.n_trees, self.n_nodes, self.n_leaves, 0)
        self._ready()

    def _check(self, count, room, what):
        if count >= room:
            raise ValueError('trees file has more %s than the model declares' % what)

    def _node(self, i, feature, threshold, left, right):
        # int(float()) truncates as emlearn_trees' loader does: the exporter writes whole numbers.
        self._check(i, self.n_nodes, 'nodes')
        if not 0 <= feature <= 255 or not -32768 <= threshold <= 32767:
            raise ValueError('node %d: feature or threshold out of range' % i)
        if not self.wide and not (-128 <= left <= 127 and -128 <= right <= 127):
            self._widen(i)
        _, at, size = self._offsets(self.wide)
        struct.pack_into('<Bhhh' if self.wide else '<Bhbb', self.buf, at + i * size,
                         feature, threshold, left, right)

    def _widen(self, n):
        """Re-lays the first n nodes with int16 jumps: a tree's jump outgrew a byte."""
        _, at, _ = self._offsets(0)
        old = self.buf
        self.buf = bytearray(at + 7 * self.n_nodes)
        self.buf[:at] = old[:at]
        for i in range(n):
            struct.pack_into('<Bhhh', self.buf, at + 7 * i, *struct.unpack_from('<Bhbb', old,
                                                                                at + 5 * i))
        self.wide = 1

    def _ready(self):
        if self.n_trees > 255:
            raise ValueError('at most 255 trees (votes are counted in bytes)')
        leaves, nodes, size = self._offsets(self.wide)
        if len(self.buf) < nodes + size * self.n_nodes:
            raise ValueError('packed forest is shorter than its header says')
        # _vote trusts the buffer (viper does not check bounds): every index is checked here,
        # and every jump goes forward, so a walk ends at a leaf.
        for t in range(self.n_trees):
            self._target(struct.unpack_from('<h', self.buf, HEADER_SIZE + 2 * t)[0], 0, 'root')
        for i in range(self.n_leaves):
            if self.buf[leaves + i] >= self.n_classes:
                raise ValueError('leaf %d: class out of range' % i)
        link = '<Bhhh' if self.wide else '<Bhbb'
        for i in range(self.n_nodes):
            feature, _, left, right = struct.unpack_from(link, self.buf, nodes + i * size)
            if feature >= self.n_features:
                raise ValueError('node %d: feature index out of range' % i)
            self._target(left, i, 'node %d' % i)
            self._target(right, i, 'node %d' % i)
        self._at = array('H', [self.n_trees, HEADER_SIZE, leaves, nodes, self.wide])
        self._votes = bytearray(self.n_classes)

    def _target(self, child, i, what):
        if child >= 0 and (child == 0 and what != 'root' or i + child >= self.n_nodes) \
                or child < 0 and -child - 1 >= self.n_leaves:
            raise ValueError('%s: jump %d out of range' % (what, child))

    def packed(self):
        """The buffer as `mapped` takes it (what the image build writes to ROM)."""
        return bytes(self.buf[:self._at[3] + (5 + 2 * self.wide) * self.n_nodes])

    def outputs(self):
        return self.n_classes

    def predict(self, features, out):
        if len(features) != self.n_features or len(out) != self.n_classes:
            raise ValueError('expected %d features and %d outputs' % (
                self.n_features, self.n_classes))
        votes = self._votes
        for c in range(self.n_classes):
            votes[c] = 0
        _vote(self.buf, self._at, features, votes)
        for c in range(self.n_classes):
            out[c] = votes[c] / self.n_trees


def mapped(buf):
    """A forest over a packed buffer, used in place (a memoryview of a ROM file: no copy)."""
    magic, version, wide, features, classes, trees, nodes, leaves, _ = struct.unpack_from(
        HEADER, buf, 0)
    if magic != MAGIC or version != VERSION:
        raise ValueError('not a packed forest of version %d' % VERSION)
    f = Forest(trees, nodes, leaves, buf)
    f.wide, f.n_features, f.n_classes = wide, features, classes
    f._ready()
    return f


def new(n_trees, n_nodes, n_leaves):
    return Forest(n_trees, n_nodes, n_leaves)


def load_model(model, f):
    model.load(f)
