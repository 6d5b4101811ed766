"""Windows hosts over WinRM: inventory, reg.exe, the fleet runner and the lab.

Imports nothing else of the project (DESIGN.md §1).
"""
