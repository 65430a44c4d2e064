/**
 * Generates a fixture corpus (CONTRACT §3: panel.yaml + sites/<host>/… + expected.json) of
 * realistic-but-invented French corporate sites, for the benchmark (scripts/bench.ts) and for load
 * tests. Deterministic for a seed: the same (actors, seed) always writes the same bytes.
 *
 * Each actor, in one of 5 sectors (banque, public, automobile, transports, energie), gets 6–10
 * pages on https://www.<slug>.fr/:
 * - `/`: a header with a 60-link mega-menu (links to the site's section pages, most with a
 *   #fragment, so that they resolve), a hero, cards, a footer with "Mentions légales",
 *   "Nous contacter", "Aide" and social links;
 * - `/aide/`: an FAQ of ~15 <details> questions in 3–4 categories, optionally a help search field
 *   and "Cette réponse vous a-t-elle été utile ?", and a link on to the contact page;
 * - `/contact/`: a phone number in one of several French formats with opening hours written in
 *   French, and a contact form (subject <select>, <textarea>, name/e-mail inputs);
 * - `/mentions-legales`: publisher, SIREN, host (numbers a phone detector must not take);
 * - 2–6 section pages (`/<section>`), linked from the mega-menu.
 * About 40 % load a chat stub from halc.iadvize.com (window.iAdvize, a fixed launcher button
 * #idz_button opening a panel "Un conseiller vous répond"); about 60 % load a OneTrust-like consent
 * banner from cdn.cookielaw.org (#onetrust-banner-sdk, #onetrust-reject-all-handler,
 * #onetrust-accept-btn-handler). Geographic numbers are in ARCEP's ranges reserved for fiction.
 *
 * Command line: node bin/run-ts.js scripts/gen-corpus.ts OUTDIR [ACTORS=40] [SEED=1]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SECTORS = ['banque', 'public', 'automobile', 'transports', 'energie'] as const;
export type Sector = (typeof SECTORS)[number];

export interface GeneratedActor {
  id: string;
  name: string;
  sector: Sector;
  segment: string;
  url: string;
  host: string;
  /** site-relative URLs of the actor's HTML pages, home first ("/", "/aide/", "/contact/", …) */
  pages: string[];
  chat: boolean;
  consentBanner: boolean;
  phone: { display: string; e164: string; kind: string; hours: string; hoursOsm: string };
}

export interface GeneratedCorpus {
  dir: string;
  panelFile: string;
  sitesDir: string;
  actors: GeneratedActor[];
  /** total HTML pages of the actors' own sites */
  pageCount: number;
}

// ------------------------------------------------------------------------------ deterministic RNG

/** mulberry32: small, fast, good enough for generated content. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
    shuffle: <T>(xs: readonly T[]): T[] => {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}
type Rng = ReturnType<typeof rng>;

// ------------------------------------------------------------------------------------ vocabulary

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
const CITIES = ['Valdoise', 'Montclair', 'Rivebelle', 'Saint-Aurel', 'Beaulieu-sur-Orne', 'Castelmont', 'Pontvert', 'Villefranche-d’Arbois', 'Lormont-la-Forêt', 'Brignac'];
const ADJ_M = ['Mutuel', 'Populaire', 'Coopératif', 'Régional', 'Solidaire', 'Atlantique', 'Continental', 'National'];
const de = (place: string) => (/^[AEIOUÉ]/.test(place) ? `d’${place}` : `de ${place}`);
const ADJ = ['Mutuelle', 'Populaire', 'Coopérative', 'Régionale', 'Solidaire', 'Atlantique', 'Continentale', 'Nationale'];

const VOCAB: Record<Sector, SectorVocab> = {
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

// ------------------------------------------------------------------------ phones and hours

/** ARCEP numbers reserved for fiction: 01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49 (+ 4 digits). */
const FICTION_PREFIX = ['0199 00', '0261 91', '0353 01', '0465 71', '0536 49'];

function phoneFor(r: Rng): GeneratedActor['phone'] & { note: string } {
  const style = r.int(0, 6);
  const d2 = () => String(r.int(0, 99)).padStart(2, '0');
  const hours = r.pick([
    ['du lundi au vendredi de 8h à 20h et le samedi de 9h à 17h', 'Mo-Fr 08:00-20:00; Sa 09:00-17:00'],
    ['Lun-Ven : 8h30 - 18h30', 'Mo-Fr 08:30-18:30'],
    ['du lundi au samedi, de 9h00 à 19h00', 'Mo-Sa 09:00-19:00'],
    ['Ouvert du lundi au vendredi de 9 h à 12 h et de 14 h à 17 h', 'Mo-Fr 09:00-12:00,14:00-17:00'],
    ['7j/7, 24h/24', '24/7'],
    ['Du lundi au vendredi, de 8 h 30 à 18 h', 'Mo-Fr 08:30-18:00'],
  ] as const);
  if (style <= 3) {
    const [a, b] = r.pick(FICTION_PREFIX).split(' ');
    const rest = [a.slice(2), b, d2(), d2()];
    const lead = a.slice(0, 2); // "01"…"05"
    const national = `${lead}${rest.join('')}`;
    const e164 = `+33${national.slice(1)}`;
    const groups = [lead, ...rest];
    const display = [
      groups.join(' '),
      groups.join('.'),
      `+33 ${lead.slice(1)} ${rest.join(' ')}`,
      `+33 (0)${lead.slice(1)} ${rest.join(' ')}`,
    ][style];
    return { display, e164, kind: 'geographic', hours: hours[0], hoursOsm: hours[1], note: 'Prix d’un appel local' };
  }
  if (style === 4) {
    const n = `0800${r.int(100, 999)}${r.int(100, 999)}`;
    return { display: `0 800 ${n.slice(4, 7)} ${n.slice(7)}`, e164: `+33${n.slice(1)}`, kind: 'tollfree', hours: hours[0], hoursOsm: hours[1], note: 'Service & appel gratuits' };
  }
  if (style === 5) {
    const n = `0977${r.int(400000, 499999)}`;
    return { display: `${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)} ${n.slice(6, 8)} ${n.slice(8)}`, e164: `+33${n.slice(1)}`, kind: 'nongeographic', hours: hours[0], hoursOsm: hours[1], note: 'Appel non surtaxé' };
  }
  const short = String(r.int(3900, 3999));
  return { display: short, e164: short, kind: 'short', hours: hours[0], hoursOsm: hours[1], note: 'Service gratuit + prix appel' };
}

// ------------------------------------------------------------------------------- HTML pieces

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function slugify(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** At most `max` characters, cut at a word boundary. */
function shortSlug(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : slug.slice(0, max);
}

interface Site {
  actor: GeneratedActor;
  color: string;
  sections: [string, string, string[]][];
  social: string[];
  email: string | null;
  tagline: string;
  faqSearch: boolean;
  faqFeedback: boolean;
  callback: boolean;
  phoneNote: string;
  siren: string;
}

const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 Arial,Helvetica,sans-serif;color:#1e1e1e}
a{color:var(--c)}header{border-bottom:1px solid #ddd;background:#fff;position:relative}
.top{display:flex;align-items:center;justify-content:space-between;padding:12px 32px}
.logo{font-weight:bold;font-size:22px;color:var(--c);text-decoration:none}
nav.mega>ul{display:flex;gap:8px;list-style:none;margin:0;padding:0 32px}
nav.mega>ul>li{position:static}nav.mega>ul>li>a{display:block;padding:12px 14px;font-weight:bold;text-decoration:none}
nav.mega .panel{display:none;position:absolute;left:0;right:0;background:#fff;padding:20px 32px;box-shadow:0 8px 20px rgba(0,0,0,.15);z-index:10}
nav.mega li:hover .panel,nav.mega li:focus-within .panel{display:grid;grid-template-columns:repeat(4,1fr);gap:6px 24px}
.panel a{text-decoration:none;color:#333}main{padding:24px 32px;max-width:1100px}
.hero{background:var(--c);color:#fff;padding:48px 32px}.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:16px;padding:24px 32px}
.card{border:1px solid #ddd;border-radius:8px;padding:16px}footer{background:#222;color:#ddd;padding:24px 32px;margin-top:40px}
footer a{color:#fff;margin-right:16px}details{border-bottom:1px solid #ddd;padding:10px 0}summary{cursor:pointer;font-weight:bold}
form label{display:block;margin-top:12px}input,select,textarea{width:100%;max-width:480px;padding:8px}button{padding:10px 18px;background:var(--c);color:#fff;border:0;border-radius:4px}
.tel{font-size:28px;font-weight:bold;color:var(--c)}
`;

function layout(site: Site, title: string, body: string, menuOpenTags: { chat: boolean; consent: boolean }): string {
  const a = site.actor;
  const menu = site.sections
    .map(([slug, label, items], si) => {
      const links = items.map((it, i) => `<a href="/${slug}${i === 0 && si % 2 === 0 ? '' : `#${slugify(it)}`}">${esc(it)}</a>`).join('');
      return `<li><a href="/${slug}">${esc(label)}</a><div class="panel">${links}</div></li>`;
    })
    .join('');
  const social = site.social
    .map((n) => {
      const url = { facebook: `https://www.facebook.com/${a.id}`, x: `https://x.com/${a.id.replace(/-/g, '_')}`, linkedin: `https://www.linkedin.com/company/${a.id}`, instagram: `https://www.instagram.com/${a.id.replace(/-/g, '')}`, youtube: `https://www.youtube.com/@${a.id}` }[n];
      return `<a href="${url}" rel="noopener" aria-label="${esc(a.name)} sur ${n}">${n === 'x' ? 'X' : n[0].toUpperCase() + n.slice(1)}</a>`;
    })
    .join('');
  const consent = menuOpenTags.consent
    ? `<script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js" data-domain-script="${a.id}-0000-4000-8000-000000000000" charset="UTF-8"></script>\n`
    : '';
  const chat = menuOpenTags.chat ? `<script async src="https://halc.iadvize.com/iadvize.js?sid=${1000 + a.id.length * 37}&lang=fr"></script>\n` : '';
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} | ${esc(a.name)}</title>
<meta name="description" content="${esc(site.tagline)}">
<link rel="stylesheet" href="/assets/site.css">
<style>:root{--c:${site.color}}</style>
${consent}${chat}</head>
<body>
<header>
  <div class="top"><a class="logo" href="/">${esc(a.name)}</a>
    <form role="search" action="/"><input type="search" name="q" placeholder="Rechercher sur le site" aria-label="Rechercher sur le site"></form></div>
  <nav class="mega" aria-label="Menu principal"><ul>${menu}</ul></nav>
</header>
<main id="contenu">
${body}
</main>
<footer>
  <p><a href="/aide/">Aide</a><a href="/contact/">Nous contacter</a><a href="/mentions-legales">Mentions légales</a></p>
  <p>${social}</p>
  <p>© ${esc(a.name)}. Tous droits réservés.</p>
</footer>
</body>
</html>
`;
}

function homePage(site: Site, r: Rng): string {
  const cards = site.sections
    .slice(0, 6)
    .map(([slug, label, items]) => `<div class="card"><h3>${esc(label)}</h3><p>${esc(items.slice(0, 3).join(', '))}…</p><a href="/${slug}">Découvrir</a></div>`)
    .join('\n');
  const news = Array.from({ length: 3 }, (_, i) => `<li>${esc(r.pick(site.sections)[2][i + 3])} : ce qui change au ${r.int(1, 28)}/${String(r.int(1, 12)).padStart(2, '0')}</li>`).join('');
  return `<section class="hero"><h1>${esc(site.tagline)}</h1><p>${esc(site.actor.name)} vous accompagne au quotidien.</p></section>
<section class="cards">
${cards}
</section>
<section><h2>Actualités</h2><ul>${news}</ul>
<p>Une question ? Consultez l’<a href="/aide/">aide en ligne</a>.</p></section>`;
}

function sectionPage(site: Site, slug: string, label: string, items: string[], r: Rng): string {
  const blocks = items
    .map(
      (it) =>
        `<section id="${slugify(it)}"><h2>${esc(it)}</h2><p>${esc(it)} : ${esc(site.actor.name)} vous propose une solution adaptée. ${esc(
          r.pick(['Souscription en ligne en quelques minutes.', 'Renseignez-vous auprès de votre conseiller.', 'Conditions détaillées dans la documentation.', 'Offre soumise à conditions.']),
        )}</p></section>`,
    )
    .join('\n');
  return `<h1>${esc(label)}</h1>\n<p>Tout savoir sur ${esc(label.toLowerCase())} chez ${esc(site.actor.name)}.</p>\n${blocks}\n<p>Besoin d’aide ? <a href="/aide/">Consultez notre FAQ</a>.</p>`;
}

function faqPage(site: Site, sector: Sector): string {
  const cats = VOCAB[sector].faq;
  let n = 0;
  const groups = cats
    .map(([cat, qs]) => {
      const items = qs
        .map(([q, a]) => {
          n++;
          const fb = site.faqFeedback ? `<p class="feedback">Cette réponse vous a-t-elle été utile ? <button type="button">Oui</button> <button type="button">Non</button></p>` : '';
          return `<details id="q${n}"><summary>${esc(q)}</summary><p>${esc(a)}</p>${fb}</details>`;
        })
        .join('\n');
      return `<h2>${esc(cat)}</h2>\n${items}`;
    })
    .join('\n');
  const search = site.faqSearch
    ? `<form class="faq-search" action="/aide/"><label for="faq-q">Rechercher dans l’aide</label><input id="faq-q" type="search" name="q" placeholder="Posez votre question"><button type="submit">Rechercher</button></form>`
    : '';
  return `<h1>Aide et questions fréquentes</h1>
${search}
${groups}
<section><h2>Vous n’avez pas trouvé votre réponse ?</h2><p><a href="/contact/">Contactez-nous</a></p></section>`;
}

function contactPage(site: Site): string {
  const p = site.actor.phone;
  const subjects = VOCAB[site.actor.sector].subjects.map((s) => `<option>${esc(s)}</option>`).join('');
  const email = site.email ? `<h2>Par e-mail</h2><p>Écrivez-nous à <a href="mailto:${site.email}">${site.email}</a>.</p>` : '';
  const callback = site.callback ? `<p><a href="/contact/#rappel">Être rappelé par un conseiller</a></p>` : '';
  return `<h1>Nous contacter</h1>
<section><h2>Par téléphone</h2>
<p>Service client : <a class="tel" href="tel:${p.e164}">${esc(p.display)}</a> <small>(${esc(site.phoneNote)})</small></p>
<p>Horaires du service client : ${esc(p.hours)}.</p>
${callback}</section>
${email}
<section><h2>Par écrit</h2>
<form id="contact-form" action="/contact/envoi" method="post">
  <label for="sujet">Objet de votre demande</label>
  <select id="sujet" name="sujet" required><option value="">Choisissez un objet</option>${subjects}</select>
  <label for="nom">Nom</label><input id="nom" name="nom" type="text" autocomplete="name" required>
  <label for="email">E-mail</label><input id="email" name="email" type="email" autocomplete="email" required>
  <label for="message">Votre message</label><textarea id="message" name="message" rows="6" required></textarea>
  <input type="hidden" name="origine" value="site">
  <p><button type="submit">Envoyer</button></p>
  <p>Nous vous répondrons sous ${[48, 72, 5][site.actor.id.length % 3]}${site.actor.id.length % 3 === 2 ? ' jours ouvrés' : ' heures'}.</p>
</form></section>
<p>Par courrier : ${esc(site.actor.name)}, Service clients, CS ${10000 + (site.actor.id.length * 131) % 89999}, ${10000 + (site.actor.id.length * 977) % 85000} ${esc(CITIES[site.actor.id.length % CITIES.length])} Cedex.</p>`;
}

function legalPage(site: Site): string {
  return `<h1>Mentions légales</h1>
<p>Éditeur : ${esc(site.actor.name)}, société anonyme au capital de 12 500 000 €, RCS ${esc(CITIES[site.siren.length % CITIES.length])} ${site.siren}, SIREN ${site.siren}.</p>
<p>Directeur de la publication : le directeur général.</p>
<p>Hébergeur : Hébergement Exemple SAS, 10 rue de l’Exemple, 75000 Paris.</p>
<p>Pour toute question, <a href="/contact/">nous contacter</a>.</p>`;
}

// ------------------------------------------------------------------------ vendor stubs

const IADVIZE_JS = `/* Generated stub of iAdvize's tag (halc.iadvize.com/iadvize.js): defines window.iAdvize,
 * shows a fixed launcher button#idz_button after 300 ms; a click opens div#idz_chatbox,
 * a panel "Un conseiller vous répond". */
(function () {
  var iAdvize = window.iAdvize = { version: 'stub', on: function () {}, set: function () {}, get: function () {},
    chatbox: { isOpen: false, open: open, close: close } };
  function open() {
    var box = document.getElementById('idz_chatbox');
    if (!box) {
      box = document.createElement('div'); box.id = 'idz_chatbox'; box.className = 'idz_chatbox';
      box.setAttribute('role', 'dialog'); box.setAttribute('aria-label', 'Fenêtre de conversation');
      box.setAttribute('style', 'position:fixed;right:24px;bottom:96px;width:340px;height:420px;z-index:2147483000;background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);font:14px Arial,sans-serif;padding:16px');
      box.innerHTML = '<h2 style="margin:0 0 8px;font-size:18px">Un conseiller vous répond</h2>' +
        '<p>Bonjour, je suis Camille, conseillère. Comment puis-je vous aider ?</p>' +
        '<textarea id="idz-composer" placeholder="Écrivez votre message…" style="width:100%;height:80px"></textarea>' +
        '<button id="idz-send" type="button">Envoyer</button>';
      document.body.appendChild(box);
    }
    box.style.display = 'block'; iAdvize.chatbox.isOpen = true;
  }
  function close() { var b = document.getElementById('idz_chatbox'); if (b) b.style.display = 'none'; iAdvize.chatbox.isOpen = false; }
  function launcher() {
    if (document.getElementById('idz_button')) return;
    var b = document.createElement('button');
    b.id = 'idz_button'; b.type = 'button'; b.className = 'idz-btn';
    b.setAttribute('aria-label', 'Discuter avec un conseiller');
    b.setAttribute('style', 'position:fixed;right:24px;bottom:24px;z-index:2147483000;height:56px;padding:0 20px;border:0;border-radius:28px;background:#e4007c;color:#fff;font:bold 15px Arial,sans-serif;cursor:pointer');
    b.textContent = 'Discuter avec un conseiller';
    b.onclick = function () { if (iAdvize.chatbox.isOpen) close(); else open(); };
    document.body.appendChild(b);
  }
  if (document.body) setTimeout(launcher, 300); else document.addEventListener('DOMContentLoaded', function () { setTimeout(launcher, 300); });
})();
`;

const ONETRUST_JS = `/* Generated stub of a OneTrust banner (cdn.cookielaw.org/scripttemplates/otSDKStub.js):
 * #onetrust-consent-sdk > #onetrust-banner-sdk with #onetrust-reject-all-handler and
 * #onetrust-accept-btn-handler; the choice is kept in the OptanonConsent and
 * OptanonAlertBoxClosed cookies. */
(function () {
  function getCookie(n) { var m = document.cookie.match(new RegExp('(?:^|; )' + n + '=([^;]*)')); return m ? m[1] : null; }
  function setCookie(n, v) { document.cookie = n + '=' + encodeURIComponent(v) + '; path=/; max-age=31536000; SameSite=Lax'; }
  var ALL = ['C0001', 'C0002', 'C0003', 'C0004'];
  function apply(groups) { window.OnetrustActiveGroups = ',' + groups.join(',') + ','; window.OptanonActiveGroups = window.OnetrustActiveGroups; }
  function save(groups) {
    setCookie('OptanonConsent', 'groups=' + ALL.map(function (g) { return g + ':' + (groups.indexOf(g) >= 0 ? 1 : 0); }).join(','));
    setCookie('OptanonAlertBoxClosed', new Date().toISOString());
    var sdk = document.getElementById('onetrust-consent-sdk'); if (sdk) sdk.style.display = 'none';
    apply(groups);
  }
  window.OneTrust = window.Optanon = { AllowAll: function () { save(ALL); }, RejectAll: function () { save(['C0001']); },
    IsAlertBoxClosed: function () { return !!getCookie('OptanonAlertBoxClosed'); }, Close: function () {}, OnConsentChanged: function () {},
    ToggleInfoDisplay: function () {} };
  var stored = getCookie('OptanonConsent');
  if (stored) { var g = decodeURIComponent(stored).replace('groups=', '').split(',').filter(function (p) { return /:1$/.test(p); }).map(function (p) { return p.split(':')[0]; }); apply(g); return; }
  apply(['C0001']);
  function show() {
    var sdk = document.createElement('div'); sdk.id = 'onetrust-consent-sdk';
    sdk.innerHTML = '<div id="onetrust-banner-sdk" class="otFlat" role="region" aria-label="Bannière cookies" tabindex="0" style="position:fixed;left:0;right:0;bottom:0;z-index:2147483645;background:#fff;color:#222;box-shadow:0 -2px 12px rgba(0,0,0,.25);padding:18px 24px;font:14px Arial,sans-serif">' +
      '<div id="onetrust-policy"><h2 id="onetrust-policy-title">Gestion des cookies</h2><p id="onetrust-policy-text">Nous utilisons des cookies pour mesurer l’audience, personnaliser les contenus et vous proposer une assistance en ligne. Vous pouvez accepter, refuser ou paramétrer vos choix.</p></div>' +
      '<div id="onetrust-button-group"><button id="onetrust-pc-btn-handler">Paramétrer</button> <button id="onetrust-reject-all-handler">Tout refuser</button> <button id="onetrust-accept-btn-handler">Tout accepter</button></div></div>';
    document.body.appendChild(sdk);
    document.getElementById('onetrust-accept-btn-handler').onclick = function () { save(ALL); };
    document.getElementById('onetrust-reject-all-handler').onclick = function () { save(['C0001']); };
    document.getElementById('onetrust-pc-btn-handler').onclick = function () { save(['C0001']); };
  }
  if (document.body) setTimeout(show, 200); else document.addEventListener('DOMContentLoaded', function () { setTimeout(show, 200); });
})();
`;

// --------------------------------------------------------------------------------- generator

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

/** Writes the corpus into `dir` (emptied first) and describes it. */
export function generateCorpus(dir: string, actors: number, seed = 1): GeneratedCorpus {
  if (!Number.isInteger(actors) || actors < 1) throw new Error(`generateCorpus: actors must be a whole number ≥ 1 (got ${actors})`);
  const root = resolve(dir);
  const sitesDir = join(root, 'sites');
  rmSync(sitesDir, { recursive: true, force: true });
  mkdirSync(sitesDir, { recursive: true });
  const r = rng(seed * 2654435761 + actors);
  const used = new Set<string>();
  const out: GeneratedActor[] = [];
  let anyChat = false;
  let anyConsent = false;

  for (let i = 0; i < actors; i++) {
    const sector = SECTORS[i % SECTORS.length];
    const v = VOCAB[sector];
    let name = v.names(r);
    for (let tries = 0; tries < 20 && used.has(shortSlug(slugify(name), 40)); tries++) name = v.names(r);
    const base = shortSlug(slugify(name), 40);
    let slug = base;
    for (let k = 2; used.has(slug); k++) slug = `${shortSlug(base, 36)}-${k}`;
    if (slug !== base) name = `${name} ${slug.slice(slug.lastIndexOf('-') + 1)}`;
    used.add(slug);
    const host = `www.${slug}.fr`;
    const phone = phoneFor(r);
    const sectionCount = r.int(2, 6); // + home, aide, contact, mentions légales = 6–10 pages
    const sections = r.shuffle(v.sections).slice(0, sectionCount);
    // The mega-menu always carries 60 links: spread the 12 entries of the site's sections over
    // 5 columns (a site with fewer sections repeats some entries as anchors of a related page).
    const menuSections: [string, string, string[]][] = [];
    for (let c = 0; c < 5; c++) {
      const [slugS, label, items] = sections[c % sections.length];
      menuSections.push(c < sections.length ? [slugS, label, items] : [slugS, `${label} (suite)`, items.map((it) => `${it} — en savoir plus`)]);
    }
    const chat = r.chance(0.4);
    const consentBanner = r.chance(0.6);
    anyChat ||= chat;
    anyConsent ||= consentBanner;
    const actor: GeneratedActor = {
      id: `${sector}-${slug}`.slice(0, 60).replace(/-+$/, ''),
      name,
      sector,
      segment: r.pick(v.segments),
      url: `https://${host}/`,
      host,
      pages: ['/', '/aide/', '/contact/', '/mentions-legales', ...sections.map(([s]) => `/${s}`)],
      chat,
      consentBanner,
      phone: { display: phone.display, e164: phone.e164, kind: phone.kind, hours: phone.hours, hoursOsm: phone.hoursOsm },
    };
    const site: Site = {
      actor,
      color: r.pick(v.color),
      sections: menuSections,
      social: r.shuffle(['facebook', 'x', 'linkedin', 'instagram', 'youtube']).slice(0, r.int(0, 4)),
      email: r.chance(0.3) ? `contact@${slug}.fr` : null,
      tagline: r.pick(v.tagline),
      faqSearch: r.chance(0.6),
      faqFeedback: r.chance(0.5),
      callback: r.chance(0.3),
      phoneNote: phone.note,
      siren: String(r.int(300_000_000, 999_999_999)).replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3'),
    };
    const tags = { chat, consent: consentBanner };
    const hostDir = join(sitesDir, host);
    write(join(hostDir, 'assets/site.css'), CSS);
    write(join(hostDir, 'index.html'), layout(site, 'Accueil', homePage(site, r), tags));
    write(join(hostDir, 'aide/index.html'), layout(site, 'Aide', faqPage(site, sector), tags));
    write(join(hostDir, 'contact/index.html'), layout(site, 'Nous contacter', contactPage(site), tags));
    write(join(hostDir, 'mentions-legales.html'), layout(site, 'Mentions légales', legalPage(site), tags));
    for (const [s, label, items] of sections) write(join(hostDir, `${s}.html`), layout(site, label, sectionPage(site, s, label, items, r), tags));
    out.push(actor);
  }
  if (anyChat) write(join(sitesDir, 'halc.iadvize.com/iadvize.js'), IADVIZE_JS);
  if (anyConsent) write(join(sitesDir, 'cdn.cookielaw.org/scripttemplates/otSDKStub.js'), ONETRUST_JS);

  const panelFile = join(root, 'panel.yaml');
  const panel = [
    `# Generated by scripts/gen-corpus.ts (${actors} actors, seed ${seed}). Invented actors; do not edit.`,
    'edition: "bench"',
    'actors:',
    ...out.flatMap((a) => [`  - id: ${a.id}`, `    name: ${yamlString(a.name)}`, `    sector: ${a.sector}`, `    segment: ${a.segment}`, `    url: ${a.url}`]),
    '',
  ].join('\n');
  write(panelFile, panel);

  // Ground truth for what the generator is sure of (CONTRACT §3: the crawler never reads it).
  const expected = {
    corpus: `generated (${actors} actors, seed ${seed})`,
    notes: 'Written by scripts/gen-corpus.ts. Only what the generator put on the pages is asserted; a missing channel key means not asserted.',
    actors: Object.fromEntries(
      out.map((a) => [
        a.id,
        {
          consent: a.consentBanner ? { cmp: 'onetrust', banner: true, rejectButton: true } : { cmp: null, banner: false, rejectButton: false },
          channels: {
            faq: { present: true },
            form: { present: true, subjectMenu: true },
            phone: { present: true, numbers: [{ number: a.phone.e164, kind: a.phone.kind }], hours: a.phone.hoursOsm },
            livechat: a.chat ? { present: true, vendor: 'iadvize' } : { present: false },
          },
        },
      ]),
    ),
  };
  write(join(root, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);

  return { dir: root, panelFile, sitesDir, actors: out, pageCount: out.reduce((n, a) => n + a.pages.length, 0) };
}

const isMain = (() => {
  try {
    return !!process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
  } catch {
    return false;
  }
})();

if (isMain) {
  const [outDir, n = '40', seed = '1'] = process.argv.slice(2);
  if (!outDir || !/^\d+$/.test(n) || !/^\d+$/.test(seed)) {
    process.stderr.write('usage: node bin/run-ts.js scripts/gen-corpus.ts OUTDIR [ACTORS=40] [SEED=1]\n');
    process.exit(2);
  }
  const c = generateCorpus(outDir, Number(n), Number(seed));
  process.stdout.write(`${c.panelFile}: ${c.actors.length} actors, ${c.pageCount} pages under ${c.sitesDir}\n`);
}
