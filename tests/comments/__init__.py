"""Tests of the comments app, one module per behaviour."""
