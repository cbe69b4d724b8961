"""Host side of the Earmark model: data, features, augmentation, training, evaluation, bundles."""
