"""Simulated Windows hosts speaking WS-Management, for tests, benchmarks and the demo."""

from remote.lab.lab import OAKLEY_KEY, Faults, HostSpec, Lab, LabHost, default_topology, fleet_topology

__all__ = ["OAKLEY_KEY", "Faults", "HostSpec", "Lab", "LabHost", "default_topology", "fleet_topology"]
