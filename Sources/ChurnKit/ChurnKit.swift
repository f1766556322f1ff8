// ChurnKit umbrella module: importing it imports every public ChurnKit module.
@_exported import Clustering
@_exported import CustomerValue
@_exported import DecisionTrees
@_exported import Ensembles
@_exported import Experiments
@_exported import LinearAlgebra
@_exported import LinearModels
@_exported import ModelMetrics
@_exported import ModelProtocols
@_exported import Pipelines
@_exported import Reports
@_exported import Survival
@_exported import Tabular
