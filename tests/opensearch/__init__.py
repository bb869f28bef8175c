"""Tests of the OpenSearch backend as a whole: agreement with Whoosh, faults, bad input."""
