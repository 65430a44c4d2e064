/**
 * The words of the generated sites, per sector: actor names, segments, colours, section pages and
 * their menu entries, contact subjects, FAQ questions and answers, taglines. All invented.
 */
import type { Rng } from './rng.ts';
import type { Sector } from './types.ts';

interface SectorVocab {
  names: (r: Rng) => string;
  segments: string[];
  color: string[];
  /** section slug → [title, menu entries] */
  sections: [string, string, string[]][];
  subjects: string[];
  faq: [string, [string, string][]][];
  tagline: string[];
}

const FAMILY = ['Durand', 'Lefèvre', 'Morel', 'Garnier', 'Chevalier', 'Rousseau', 'Blanchard', 'Fontaine', 'Marchand', 'Berthier', 'Delorme', 'Perrin', 'Vasseur', 'Aubert', 'Lemaire', 'Carpentier', 'Renaud', 'Baudry', 'Mallet', 'Tessier'];
const PLACES = ['Loire', 'Rhône', 'Garonne', 'Armor', 'Vosges', 'Provence', 'Cévennes', 'Artois', 'Vendée', 'Morvan', 'Jura', 'Aquitaine', 'Champagne', 'Ardennes', 'Berry', 'Quercy', 'Savoie', 'Touraine', 'Limousin', 'Picardie'];
export const CITIES = ['Valdoise', 'Montclair', 'Rivebelle', 'Saint-Aurel', 'Beaulieu-sur-Orne', 'Castelmont', 'Pontvert', 'Villefranche-d’Arbois', 'Lormont-la-Forêt', 'Brignac'];
const ADJ_M = ['Mutuel', 'Populaire', 'Coopératif', 'Régional', 'Solidaire', 'Atlantique', 'Continental', 'National'];
const de = (place: string) => (/^[AEIOUÉ]/.test(place) ? `d’${place}` : `de ${place}`);
const ADJ = ['Mutuelle', 'Populaire', 'Coopérative', 'Régionale', 'Solidaire', 'Atlantique', 'Continentale', 'Nationale'];

export const VOCAB: Record<Sector, SectorVocab> = {
  banque: {
    names: (r) => r.pick([`Banque ${r.pick(FAMILY)}`, `Crédit ${r.pick(ADJ_M)} ${de(r.pick(PLACES))}`, `Caisse ${r.pick(ADJ)} ${r.pick(PLACES)}`, `${r.pick(FAMILY)} & ${r.pick(FAMILY)} Banque Privée`]),
    segments: ['reseau', 'en-ligne', 'mutualiste'],
    color: ['#00508f', '#0a7d5a', '#8a1538', '#1c3f94'],
    sections: [
      ['comptes', 'Comptes et cartes', ['Compte courant', 'Compte joint', 'Carte Visa Classic', 'Carte Premier', 'Carte à autorisation systématique', 'Découvert autorisé', 'Chéquier', 'Virements instantanés', 'Relevés en ligne', 'Changer de banque', 'Compte pour mineur', 'Offre jeunes']],
      ['epargne', 'Épargne', ['Livret A', 'LDDS', 'Livret d’épargne populaire', 'Plan d’épargne logement', 'Assurance vie', 'PEA', 'Compte titres', 'Épargne retraite (PER)', 'Épargne salariale', 'Livret jeune', 'Placements responsables', 'Simulateur d’épargne']],
      ['credits', 'Crédits', ['Prêt immobilier', 'Prêt à taux zéro', 'Rachat de crédit', 'Prêt personnel', 'Crédit auto', 'Prêt travaux', 'Prêt étudiant', 'Simulateur de prêt', 'Assurance emprunteur', 'Crédit renouvelable', 'Éco-prêt', 'Regroupement de prêts']],
      ['assurances', 'Assurances', ['Assurance habitation', 'Assurance auto', 'Complémentaire santé', 'Prévoyance', 'Protection juridique', 'Assurance moyens de paiement', 'Garantie des accidents de la vie', 'Assurance scolaire', 'Télésurveillance', 'Assurance deux-roues', 'Obsèques', 'Déclarer un sinistre']],
      ['professionnels', 'Professionnels', ['Compte professionnel', 'Terminal de paiement', 'Crédit-bail', 'Affacturage', 'Création d’entreprise', 'Épargne entreprise', 'Assurance multirisque pro', 'Banque en ligne pro', 'Gestion de trésorerie', 'International', 'Agriculteurs', 'Associations']],
      ['patrimoine', 'Patrimoine', ['Gestion sous mandat', 'Conseil patrimonial', 'Transmission', 'Immobilier locatif', 'SCPI', 'Défiscalisation', 'Private equity', 'Fiscalité', 'Succession', 'Donation', 'Investissement responsable', 'Rendez-vous conseiller']],
    ],
    subjects: ['Mon compte', 'Ma carte bancaire', 'Un crédit en cours', 'Une réclamation', 'Ouvrir un compte', 'Autre demande'],
    faq: [
      ['Carte bancaire', [['Comment faire opposition sur ma carte ?', 'Depuis votre espace client, rubrique Cartes, ou par téléphone 24h/24.'], ['Comment augmenter mon plafond de paiement ?', 'Vous pouvez modifier temporairement vos plafonds depuis l’application.'], ['Ma carte est bloquée après trois codes faux', 'Elle sera débloquée lors d’un retrait avec le bon code au distributeur.'], ['Quand recevrai-je ma nouvelle carte ?', 'La carte renouvelée arrive 15 jours avant la date d’expiration.']]],
      ['Compte et virements', [['Comment obtenir mon RIB ?', 'Votre RIB est téléchargeable dans l’espace client, rubrique Comptes.'], ['Quel est le délai d’un virement ?', 'Un virement SEPA est crédité en un jour ouvré, un virement instantané en 10 secondes.'], ['Comment ajouter un bénéficiaire ?', 'Ajoutez-le depuis l’application, avec validation par authentification forte.'], ['Comment clôturer mon compte ?', 'Adressez-nous une demande écrite signée ; la clôture est gratuite.']]],
      ['Espace client', [['J’ai oublié mon code d’accès', 'Cliquez sur « Code oublié » sur la page de connexion.'], ['Comment activer la double authentification ?', 'Téléchargez l’application et suivez le parcours d’activation.'], ['Mon application ne fonctionne plus', 'Vérifiez que vous disposez de la dernière version de l’application.'], ['Comment modifier mon adresse ?', 'Depuis l’espace client, rubrique Mon profil.']]],
      ['Crédits', [['Puis-je rembourser mon prêt par anticipation ?', 'Oui, des indemnités peuvent s’appliquer selon votre contrat.'], ['Comment changer d’assurance emprunteur ?', 'La loi Lemoine permet de changer à tout moment.'], ['Comment reporter une échéance ?', 'Selon votre contrat, le report est possible depuis l’espace client.']]],
    ],
    tagline: ['La banque qui vous accompagne à chaque étape', 'Votre banque, près de chez vous et en ligne', 'Des conseillers à votre écoute'],
  },
  public: {
    names: (r) => r.pick([`Caisse ${r.pick(['nationale', 'régionale', 'départementale'])} des ${r.pick(['allocations', 'retraites', 'solidarités', 'prestations'])} ${r.pick(PLACES)}`, `Agence ${r.pick(['départementale', 'régionale'])} de l’${r.pick(['emploi', 'habitat', 'eau', 'énergie'])} ${r.pick(PLACES)}`, `Office public de ${r.pick(PLACES)}`, `Mairie de ${r.pick(CITIES)}`]),
    segments: ['national', 'regional', 'local'],
    color: ['#000091', '#1f4e79', '#2d6a4f', '#6a1b9a'],
    sections: [
      ['demarches', 'Mes démarches', ['Faire une demande en ligne', 'Suivre mon dossier', 'Déclarer un changement de situation', 'Télécharger une attestation', 'Prendre rendez-vous', 'Déclarer mes ressources', 'Signaler un déménagement', 'Justificatifs à fournir', 'Formulaires', 'Délais de traitement', 'Recours', 'Médiation']],
      ['droits', 'Mes droits', ['Simulateur de droits', 'Aides au logement', 'Prime d’activité', 'Allocations familiales', 'Aide à la garde d’enfant', 'Handicap', 'Retraite', 'Chômage', 'Santé', 'Étudiants', 'Jeunes actifs', 'Seniors']],
      ['aides', 'Aides et services', ['Aide exceptionnelle', 'Accompagnement social', 'Aide aux vacances', 'Transport scolaire', 'Cantine', 'Chèque énergie', 'Aide à la rénovation', 'Aide au permis', 'Point d’accueil', 'France services', 'Numérique inclusif', 'Écrivain public']],
      ['actualites', 'Actualités', ['Communiqués', 'Calendrier des paiements', 'Nouveautés réglementaires', 'Agenda', 'Consultations publiques', 'Enquêtes', 'Rapports annuels', 'Chiffres clés', 'Presse', 'Vidéos', 'Lettre d’information', 'Archives']],
      ['professionnels', 'Partenaires', ['Espace employeurs', 'Espace bailleurs', 'Espace associations', 'Marchés publics', 'Appels à projets', 'Subventions', 'Conventions', 'Données ouvertes', 'Documentation', 'Webinaires', 'Formations', 'Contacts partenaires']],
      ['institution', 'L’institution', ['Missions', 'Organisation', 'Conseil d’administration', 'Recrutement', 'Engagements de service', 'Accessibilité', 'Nos implantations', 'Histoire', 'Budget', 'Transparence', 'Éthique', 'Délégués à la protection des données']],
    ],
    subjects: ['Mon dossier en cours', 'Un paiement', 'Un changement de situation', 'Une réclamation', 'Une attestation', 'Autre question'],
    faq: [
      ['Mon dossier', [['Comment suivre ma demande ?', 'Connectez-vous à votre espace personnel, rubrique Mes démarches.'], ['Quel est le délai de traitement ?', 'Un dossier complet est traité en trois semaines en moyenne.'], ['Quels justificatifs fournir ?', 'La liste dépend de la démarche ; elle est indiquée sur chaque formulaire.'], ['Comment envoyer un document ?', 'Déposez-le au format PDF depuis votre espace personnel.']]],
      ['Paiements', [['À quelle date suis-je payé ?', 'Les prestations sont versées le 5 de chaque mois.'], ['Pourquoi mon montant a-t-il changé ?', 'Vos droits sont recalculés chaque trimestre selon vos ressources.'], ['J’ai reçu un trop-perçu', 'Vous pouvez demander un échéancier de remboursement.'], ['Comment changer de compte bancaire ?', 'Modifiez vos coordonnées bancaires dans votre espace personnel.']]],
      ['Mon compte en ligne', [['J’ai perdu mon mot de passe', 'Utilisez le lien « Mot de passe oublié ».'], ['Comment me connecter avec FranceConnect ?', 'Choisissez FranceConnect sur la page de connexion.'], ['Comment modifier mon adresse e-mail ?', 'Depuis la rubrique Mon profil de votre espace.'], ['Mon compte est verrouillé', 'Il se déverrouille après 30 minutes.']]],
      ['Rendez-vous', [['Comment prendre rendez-vous ?', 'En ligne, par téléphone ou dans un point d’accueil.'], ['Puis-je être accompagné ?', 'Oui, la personne de votre choix peut vous accompagner.'], ['Où se trouve l’accueil le plus proche ?', 'Consultez la carte de nos implantations.']]],
    ],
    tagline: ['Le service public à vos côtés', 'Vos démarches simplifiées', 'Un accompagnement pour chacun'],
  },
  automobile: {
    names: (r) => r.pick([`${r.pick(FAMILY)} Automobiles`, `Groupe ${r.pick(FAMILY)} Motors`, `${r.pick(PLACES)} Auto Distribution`, `Véhicules ${r.pick(FAMILY)}`]),
    segments: ['constructeur', 'distributeur', 'location'],
    color: ['#c00000', '#222222', '#004b87', '#e37222'],
    sections: [
      ['vehicules-neufs', 'Véhicules neufs', ['Citadines', 'Berlines', 'SUV compacts', 'SUV familiaux', 'Monospaces', 'Utilitaires', 'Gamme hybride', 'Séries spéciales', 'Configurateur', 'Essai gratuit', 'Offres du mois', 'Catalogue']],
      ['occasions', 'Occasions', ['Véhicules certifiés', 'Reprise de votre véhicule', 'Estimation en ligne', 'Garantie occasion', 'Véhicules de direction', 'Petits prix', 'Véhicules disponibles', 'Occasions électriques', 'Financement occasion', 'Livraison à domicile', 'Rachat cash', 'Comparateur']],
      ['entretien', 'Entretien', ['Révision', 'Vidange', 'Pneumatiques', 'Freinage', 'Contrôle technique', 'Climatisation', 'Carrosserie', 'Pare-brise', 'Batterie', 'Prise de rendez-vous atelier', 'Forfaits entretien', 'Assistance 24h/24']],
      ['financement', 'Financement', ['Location longue durée', 'Location avec option d’achat', 'Crédit classique', 'Assurance auto', 'Extension de garantie', 'Contrat d’entretien', 'Simulateur de mensualités', 'Offres professionnelles', 'Flottes d’entreprise', 'Aides à l’achat', 'Bonus écologique', 'Prime à la conversion']],
      ['electrique', 'Électrique', ['Gamme 100 % électrique', 'Recharge à domicile', 'Bornes publiques', 'Autonomie', 'Wallbox', 'Carte de recharge', 'Coût à l’usage', 'Batterie et garantie', 'Hybride rechargeable', 'Planificateur de trajet', 'Avantages fiscaux', 'Questions fréquentes électrique']],
      ['concessions', 'Concessions', ['Trouver une concession', 'Horaires des ateliers', 'Nos engagements', 'Recrutement', 'Événements', 'Portes ouvertes', 'Réseau partenaires', 'Carrosseries agréées', 'Centres VO', 'Points de livraison', 'Accessoires', 'Boutique']],
    ],
    subjects: ['Un véhicule neuf', 'Un véhicule d’occasion', 'L’entretien de mon véhicule', 'Mon financement', 'Une réclamation', 'Autre'],
    faq: [
      ['Achat', [['Puis-je essayer un véhicule ?', 'Réservez un essai gratuit en concession.'], ['Quel est le délai de livraison ?', 'Il dépend du modèle et des options, de 4 à 16 semaines.'], ['Reprenez-vous mon ancien véhicule ?', 'Oui, estimez sa valeur en ligne.'], ['Comment bénéficier du bonus écologique ?', 'Il est déduit directement sur la facture.']]],
      ['Entretien', [['Quand faire la révision ?', 'Tous les 20 000 km ou tous les ans.'], ['Comment prendre rendez-vous à l’atelier ?', 'En ligne ou auprès de votre concession.'], ['Que couvre la garantie constructeur ?', 'Pièces et main-d’œuvre pendant 3 ans.'], ['Que faire en cas de panne ?', 'Appelez l’assistance disponible 24h/24.']]],
      ['Financement', [['Quelle différence entre LOA et LLD ?', 'La LOA propose une option d’achat en fin de contrat.'], ['Puis-je rendre mon véhicule avant la fin ?', 'Des frais de résiliation anticipée s’appliquent.'], ['Comment modifier mon kilométrage ?', 'Contactez le service financement.'], ['Quelles pièces fournir ?', 'Pièce d’identité, justificatif de domicile et de revenus.']]],
      ['Électrique', [['Combien coûte une recharge ?', 'Environ 3 € pour 100 km à domicile.'], ['Comment installer une borne ?', 'Un installateur qualifié IRVE pose votre wallbox.'], ['Quelle est la garantie batterie ?', '8 ans ou 160 000 km.']]],
    ],
    tagline: ['Roulez l’esprit tranquille', 'L’automobile de demain, dès aujourd’hui', 'Votre mobilité, notre métier'],
  },
  transports: {
    names: (r) => r.pick([`Réseau ${r.pick(CITIES)} Mobilités`, `Transports ${r.pick(PLACES)}`, `${r.pick(PLACES)} Rail & Car`, `Compagnie ${r.pick(PLACES)} Express`]),
    segments: ['operateur', 'reseau-urbain', 'autocar'],
    color: ['#0d5c63', '#a4133c', '#005f73', '#3a0ca3'],
    sections: [
      ['horaires', 'Horaires', ['Fiches horaires', 'Prochains passages', 'Horaires en temps réel', 'Calculateur d’itinéraire', 'Lignes de bus', 'Lignes de tram', 'Lignes de car', 'Service de nuit', 'Dimanches et fêtes', 'Vacances scolaires', 'Plan interactif', 'Arrêts accessibles']],
      ['tarifs', 'Tarifs', ['Ticket unitaire', 'Carnet de 10', 'Pass journée', 'Tarif réduit', 'Gratuité', 'Tarif solidaire', 'Tarifs groupes', 'Paiement sans contact', 'Ticket SMS', 'Points de vente', 'Amendes', 'Remboursements']],
      ['abonnements', 'Abonnements', ['Abonnement mensuel', 'Abonnement annuel', 'Abonnement jeunes', 'Abonnement seniors', 'Abonnement scolaire', 'Prise en charge employeur', 'Recharger ma carte', 'Perte ou vol de carte', 'Attestation employeur', 'Suspendre mon abonnement', 'Résilier', 'Duplicata']],
      ['info-trafic', 'Info trafic', ['Perturbations en cours', 'Travaux', 'Alertes par e-mail', 'Alertes SMS', 'Grèves', 'Manifestations', 'Météo', 'Déviations', 'Objets trouvés', 'Ascenseurs en service', 'Parkings relais', 'Vélos en libre-service']],
      ['services', 'Services', ['Transport à la demande', 'Personnes à mobilité réduite', 'Vélo', 'Covoiturage', 'Parkings', 'Application mobile', 'Wi-Fi à bord', 'Bagages', 'Animaux', 'Accueil en gare', 'Assistance', 'Sécurité']],
      ['entreprise', 'Entreprise', ['Qui sommes-nous', 'Engagements', 'Développement durable', 'Recrutement', 'Fournisseurs', 'Presse', 'Enquêtes de satisfaction', 'Comité des usagers', 'Rapports', 'Chiffres clés', 'Projets', 'Historique']],
    ],
    subjects: ['Mon abonnement', 'Un remboursement', 'Une réclamation', 'Objet perdu', 'Accessibilité', 'Autre demande'],
    faq: [
      ['Titres et abonnements', [['Comment recharger ma carte ?', 'En ligne, sur l’application ou en agence.'], ['Que faire si j’ai perdu ma carte ?', 'Demandez un duplicata dans votre espace client.'], ['Mon employeur rembourse-t-il l’abonnement ?', 'Oui, à hauteur de 50 % au minimum.'], ['Puis-je payer avec ma carte bancaire ?', 'Oui, directement au valideur sans contact.']]],
      ['Voyager', [['Les animaux sont-ils acceptés ?', 'Les petits animaux en panier voyagent gratuitement.'], ['Puis-je monter avec mon vélo ?', 'Dans le tram hors heures de pointe.'], ['Comment voyager en fauteuil roulant ?', 'Tous nos bus sont équipés de rampes.'], ['Où trouver les horaires ?', 'Dans l’application ou sur les fiches horaires.']]],
      ['Réclamations', [['Mon bus n’est pas passé', 'Signalez-le via le formulaire de contact.'], ['Comment contester une amende ?', 'Par écrit dans les deux mois.'], ['Comment être remboursé ?', 'Déposez votre demande en ligne avec votre justificatif.'], ['J’ai oublié un objet', 'Contactez le service des objets trouvés.']]],
      ['Info trafic', [['Comment être alerté des perturbations ?', 'Abonnez-vous aux alertes e-mail ou SMS.'], ['Que faire en cas de grève ?', 'Consultez le plan de transport adapté.'], ['Où voir les travaux ?', 'Dans la rubrique Info trafic.']]],
    ],
    tagline: ['Bougez malin, bougez ensemble', 'Votre réseau, partout, tout le temps', 'Le transport au quotidien'],
  },
  energie: {
    names: (r) => r.pick([`${r.pick(FAMILY)} Énergie`, `${r.pick(PLACES)} Électricité & Gaz`, `Énergies ${r.pick(ADJ)}s ${de(r.pick(PLACES))}`, `Régie ${r.pick(CITIES)} Énergies`]),
    segments: ['fournisseur', 'regie', 'renouvelable'],
    color: ['#0b6e4f', '#f59e0b', '#1d4ed8', '#7c2d12'],
    sections: [
      ['offres-electricite', 'Électricité', ['Offre tarif réglementé', 'Offre prix fixe', 'Offre verte', 'Heures creuses', 'Option week-end', 'Électricité locale', 'Comparer les offres', 'Puissance du compteur', 'Estimation de consommation', 'Offre véhicule électrique', 'Tarifs en vigueur', 'Grille tarifaire PDF']],
      ['offres-gaz', 'Gaz', ['Offre gaz prix fixe', 'Offre gaz indexée', 'Biogaz', 'Chaudière', 'Entretien chaudière', 'Relevé de compteur gaz', 'Zones tarifaires', 'Tarifs gaz', 'Mise en service gaz', 'Sécurité gaz', 'Urgence gaz', 'Comparateur gaz']],
      ['solaire', 'Solaire', ['Panneaux photovoltaïques', 'Autoconsommation', 'Revente du surplus', 'Batterie domestique', 'Simulateur solaire', 'Aides et primes', 'Installateurs agréés', 'Suivi de production', 'Garanties', 'Chauffe-eau solaire', 'Pompe à chaleur', 'Isolation']],
      ['facture', 'Ma facture', ['Comprendre ma facture', 'Payer ma facture', 'Mensualisation', 'Prélèvement automatique', 'Échéancier', 'Chèque énergie', 'Facture en ligne', 'Relever mon compteur', 'Compteur communicant', 'Historique de consommation', 'Difficultés de paiement', 'Réclamation facture']],
      ['demenagement', 'Déménagement', ['Je déménage', 'Mise en service', 'Résiliation', 'Changer de fournisseur', 'Délais', 'Relevé de départ', 'Nouveau logement', 'Logement neuf', 'Raccordement', 'Colocation', 'Résidence secondaire', 'Check-list déménagement']],
      ['professionnels', 'Professionnels', ['Offres TPE', 'Offres PME', 'Collectivités', 'Agriculteurs', 'Copropriétés', 'Contrat de performance', 'Efficacité énergétique', 'Bornes de recharge pro', 'Certificats d’économie', 'Facturation multisite', 'Conseiller dédié', 'Appels d’offres']],
    ],
    subjects: ['Ma facture', 'Mon contrat', 'Un déménagement', 'Mon compteur', 'Une réclamation', 'Autre demande'],
    faq: [
      ['Facture et paiement', [['Comment lire ma facture ?', 'Chaque ligne est expliquée dans notre guide.'], ['Comment passer à la mensualisation ?', 'Depuis votre espace client, rubrique Paiement.'], ['Je ne peux pas payer ma facture', 'Contactez-nous pour un échéancier.'], ['Où utiliser mon chèque énergie ?', 'Envoyez-le ou saisissez-le en ligne.']]],
      ['Contrat', [['Comment changer d’offre ?', 'Le changement est gratuit et sans coupure.'], ['Comment résilier mon contrat ?', 'La résiliation est automatique en cas de changement de fournisseur.'], ['Comment modifier ma puissance ?', 'Faites la demande dans votre espace client.'], ['Quelle est la durée d’engagement ?', 'Nos offres sont sans engagement.']]],
      ['Compteur', [['Comment relever mon compteur ?', 'Saisissez votre index en ligne.'], ['Mon compteur communicant est-il relevé automatiquement ?', 'Oui, chaque jour.'], ['Que faire en cas de coupure ?', 'Contactez le dépannage du gestionnaire de réseau.'], ['Comment consulter ma consommation ?', 'Dans votre espace client, rubrique Conso.']]],
      ['Déménagement', [['Quand prévenir de mon déménagement ?', 'Au moins 5 jours avant.'], ['Comment mettre en service l’électricité ?', 'En ligne en 5 minutes.'], ['Puis-je garder mon contrat ?', 'Oui, il suit votre nouveau logement.']]],
    ],
    tagline: ['L’énergie plus simple, plus verte', 'Votre énergie au juste prix', 'Consommez mieux, payez moins'],
  },
};
