"""Lark grammars of the akn parser, shipped as package data (akn.grammar)."""
