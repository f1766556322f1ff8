// ChurnKit umbrella module: importing it imports every public ChurnKit module.
@_exported import LinearAlgebra
@_exported import Tabular
@_exported import ModelMetrics
@_exported import DecisionTrees
