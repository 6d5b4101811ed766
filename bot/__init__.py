"""Oakley: the application — settings, storage, workflow and entry points.

Kept free of imports so that `oakley ask` starts fast.
"""
